import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';

/** Props of {@link IntegrityToggle}. */
export interface IntegrityToggleProps {
  open: boolean;
  onToggle(): void;
  /** The id of the integrity panel it shows and hides. */
  controls: string;
}

/** The toolbar's "Integrity" button: shows or hides `<IntegrityPanel>` above the rows. */
export function IntegrityToggle({ open, onToggle, controls }: IntegrityToggleProps) {
  const { t } = useActivityI18n();
  return (
    <button
      type="button"
      className="ak-button ak-button--small ak-log-integrity-toggle"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
    >
      <Icon name="shield" /> {t('integrity.title')}
    </button>
  );
}
