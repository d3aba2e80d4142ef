import type { ActivityI18n } from '../i18n/createI18n.ts';
import { useCheckpointOf, useIntegrityContext } from './useIntegrity.ts';

/**
 * The detail drawer's seal line: which checkpoint sealed the event and when, or that it is not
 * sealed yet. Nothing when the source has no `checkpointOf`.
 */
export function SealFact({ id, i18n }: { id: string; i18n: ActivityI18n }) {
  const { source } = useIntegrityContext();
  const checkpoint = useCheckpointOf(id);
  if (!source.checkpointOf || checkpoint.isError) return null;
  const { t } = i18n;
  const sealed = checkpoint.data;
  return (
    <div className="ak-log-fact">
      <dt>{t('integrity.title')}</dt>
      <dd aria-busy={checkpoint.isPending || undefined}>
        {checkpoint.isPending
          ? '…'
          : sealed
            ? t('integrity.sealedBy', { seq: sealed.seq, time: i18n.formatTime(sealed.createdAt) })
            : t('integrity.notSealed')}
      </dd>
    </div>
  );
}
