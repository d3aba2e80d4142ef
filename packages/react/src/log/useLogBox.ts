import { type CSSProperties, useRef } from 'react';
import { useFillHeight } from './useFillHeight.ts';
import { type ActivityLogLayout, cardRowHeight, useLogLayout } from './useLogLayout.ts';

/** Options of {@link useLogBox}: the log's sizing props. */
export interface LogBoxOptions {
  height: 'fill' | number | string;
  layout: ActivityLogLayout | 'auto';
  style: CSSProperties | undefined;
  rowHeight: number;
}

/**
 * The log's box: a ref for its root, its height (`--ak-log-height` from the `height` prop, or the
 * measured fill), the layout in use and the row height that goes with it.
 */
export function useLogBox(options: LogBoxOptions) {
  const { height, style } = options;
  const root = useRef<HTMLDivElement>(null);
  const layout = useLogLayout(root, options.layout);
  useFillHeight(root, height === 'fill' && style?.height === undefined);
  const rootStyle =
    height === 'fill'
      ? style
      : ({
          '--ak-log-height': typeof height === 'number' ? `${height}px` : height,
          ...style,
        } as CSSProperties);
  const rowHeight = layout === 'cards' ? cardRowHeight() : options.rowHeight;
  return { root, layout, rootStyle, rowHeight };
}
