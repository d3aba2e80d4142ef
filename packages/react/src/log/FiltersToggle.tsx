import { Icon } from '../icons/Icon.tsx';
import type { LogTranslate } from './messages.ts';

/** Props of {@link FiltersToggle}. */
export interface FiltersToggleProps {
  open: boolean;
  onToggle(): void;
  /** The id of the filter bar it shows and hides. */
  controls: string;
  /** How many filters are set (the search box aside). */
  active: number;
  t: LogTranslate;
}

/** Shows or hides the filters beyond the search box, in the narrow (cards) layout. */
export function FiltersToggle({ open, onToggle, controls, active, t }: FiltersToggleProps) {
  return (
    <button
      type="button"
      className="ak-button ak-button--small ak-log-filters-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <Icon name="filter" />{' '}
      {active > 0 ? t('filters.toggleCount', { count: active }) : t('filters.toggle')}
    </button>
  );
}
