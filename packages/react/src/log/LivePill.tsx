import { Icon } from '../icons/Icon.tsx';
import type { LogTranslate } from './messages.ts';

/** Props of {@link LivePill}. */
export interface LivePillProps {
  pending: number;
  onShow(): void;
  t: LogTranslate;
}

/**
 * "N new events": floats over the top of the list while new events wait, and tells screen readers
 * politely (the region stays mounted so announcements are not lost).
 */
export function LivePill({ pending, onShow, t }: LivePillProps) {
  const text = pending === 1 ? t('live.newOne') : t('live.new', { count: pending });
  return (
    <>
      <div className="ak-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {pending > 0 ? text : ''}
      </div>
      {pending > 0 ? (
        <button
          type="button"
          className="ak-button ak-button--primary ak-button--small ak-log-pill"
          onClick={onShow}
        >
          {/* Its name is its text, so what it says is what a voice user says (WCAG 2.5.3). */}
          <Icon name="refresh" />{' '}
          {pending === 1 ? t('live.showOne') : t('live.show', { count: pending })}
        </button>
      ) : null}
    </>
  );
}
