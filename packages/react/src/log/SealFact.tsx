import { useCheckpointOf } from '../data/queries.ts';
import type { ActivityI18n } from '../i18n/createI18n.ts';

/**
 * The detail drawer's seal line: which checkpoint sealed the event and when, or that it is not
 * sealed yet (shown once the source answers). Nothing when the source has no `checkpointOf`.
 */
export function SealFact({ id, i18n }: { id: string; i18n: ActivityI18n }) {
  const { data: sealed, isSuccess } = useCheckpointOf(id);
  const { t } = i18n;
  // Disabled (never a success) when the source has no `checkpointOf`.
  return isSuccess ? (
    <div className="ak-log-fact">
      <dt>{t('integrity.title')}</dt>
      <dd>
        {sealed
          ? t('integrity.sealedBy', { seq: sealed.seq, time: i18n.formatTime(sealed.createdAt) })
          : t('integrity.notSealed')}
      </dd>
    </div>
  ) : null;
}
