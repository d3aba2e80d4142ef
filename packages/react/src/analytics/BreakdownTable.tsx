import type { ActivityQueryInput, KeyCount } from '@activitykit/schema';
import { type ReactNode, useId } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { share } from './chartScale.ts';
import { LogLink } from './LogLink.tsx';

/** Props of {@link BreakdownTable}. */
export interface BreakdownTableProps {
  title: string;
  /** The column header of the keys. */
  keyHeader: string;
  rows: readonly KeyCount[];
  total: number;
  labelOf(key: string): ReactNode;
  queryOf(key: string): ActivityQueryInput;
  /** Which `--ak-chart-N` colour the bars use. Defaults to `1`. */
  tone?: number;
}

/**
 * A distribution as a table whose rows carry SVG bars: the table is the text alternative, the
 * bars (hidden from assistive technology) the picture. Each key links to the log filtered by it.
 */
export function BreakdownTable(props: BreakdownTableProps): ReactNode {
  const { title, keyHeader, rows, total, labelOf, queryOf, tone = 1 } = props;
  const i18n = useActivityI18n();
  const id = useId();
  const max = Math.max(1, ...rows.map((row) => row.count));
  const percent = (value: number) =>
    i18n.formatNumber(value, { style: 'percent', minimumFractionDigits: 1 });
  return (
    <figure className="ak-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="ak-card__title">
        {title}
      </figcaption>
      <table className="ak-table ak-breakdown" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="ak-breakdown__bar-cell">
              <span className="ak-visually-hidden">{i18n.t('analytics.share')}</span>
            </th>
            <th scope="col" className="ak-num">
              {i18n.t('analytics.count')}
            </th>
            <th scope="col" className="ak-num">
              {i18n.t('analytics.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <LogLink query={queryOf(row.key)}>{labelOf(row.key)}</LogLink>
              </th>
              <td className="ak-breakdown__bar-cell">
                <svg
                  className="ak-breakdown__bar"
                  viewBox="0 0 100 8"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                >
                  <rect className="ak-breakdown__track" x="0" y="0" width="100" height="8" rx="2" />
                  <rect
                    className={`ak-breakdown__fill ak-tone-${tone}`}
                    x="0"
                    y="0"
                    width={(row.count / max) * 100}
                    height="8"
                    rx="2"
                  />
                </svg>
              </td>
              <td className="ak-num">{i18n.formatNumber(row.count)}</td>
              <td className="ak-num">{percent(share(row.count, total))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
