import { useCallback, useRef, useState } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { saveExport } from '../data/mutations.ts';
import type { ExportRequest } from '../data/source.ts';

/** Where an export stands. */
export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; format: ExportRequest['format']; bytes: number }
  | { status: 'done'; filename: string }
  | { status: 'error'; message: string };

/** Options of {@link useExport}. */
export interface UseExportOptions {
  /** Receives the finished file instead of the browser download. Defaults to `saveExport`. */
  onExport?: ((file: { blob: Blob; filename: string }) => void) | undefined;
}

/**
 * Runs a server-side export (`source.export`) with byte progress and a cancel, then saves the
 * file. One export at a time.
 */
export function useExport(options: UseExportOptions = {}) {
  const { source } = useActivityContext();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const onExport = useRef(options.onExport);
  onExport.current = options.onExport;

  const start = useCallback(
    async (request: ExportRequest) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ status: 'running', format: request.format, bytes: 0 });
      try {
        const file = await source.export(request, {
          signal: abort.signal,
          onProgress: (bytes) => {
            if (!abort.signal.aborted)
              setState({ status: 'running', format: request.format, bytes });
          },
        });
        if (abort.signal.aborted) return;
        (onExport.current ?? saveExport)(file);
        setState({ status: 'done', filename: file.filename });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState({
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [source],
  );
  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ status: 'idle' });
  }, []);
  return { state, start, cancel };
}

/** A byte count for people: `512 B`, `1.2 MB`. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}
