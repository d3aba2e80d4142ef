import { PERIOD_PRESETS, type PeriodPreset, parseSearch } from '@activitykit/schema';
import { useId, useState } from 'react';
import type { ActivityLogFilters } from './filters.ts';
import type { LogTranslate } from './messages.ts';

/** Props of {@link PeriodFilter}. */
export interface PeriodFilterProps {
  filters: ActivityLogFilters;
  onChange(period: Pick<ActivityLogFilters, 'preset' | 'from' | 'to'>): void;
  timeZone: string;
  t: LogTranslate;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of the calendar day `date` falls on in `timeZone`. */
export function dayInZone(date: Date | string | undefined, timeZone: string): string {
  if (date === undefined) return '';
  const instant = new Date(date);
  if (Number.isNaN(instant.getTime())) return '';
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** The local midnight starting `day` (`YYYY-MM-DD`) in `timeZone`; `end` gives the next midnight. */
export function zonedMidnight(day: string, options: { timeZone: string; end?: boolean }) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  let target = day;
  if (options.end) {
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    target = next.toISOString().slice(0, 10);
  }
  return parseSearch(`after:${target}`, { timeZone: options.timeZone }).from;
}

/**
 * The period filter: any time, the presets of SPEC §4 (today … last 30 days) in the viewer's time
 * zone, or a custom range of calendar days (the end day included).
 */
export function PeriodFilter(props: PeriodFilterProps) {
  const { filters, onChange, timeZone, t } = props;
  const id = useId();
  const hasRange = filters.from !== undefined || filters.to !== undefined;
  const [custom, setCustom] = useState(false);
  const mode = filters.preset ?? (hasRange || custom ? 'custom' : '');
  const toDay = (() => {
    if (filters.to === undefined) return '';
    const end = new Date(new Date(filters.to).getTime() - 1);
    return dayInZone(end, timeZone);
  })();
  return (
    <div className="ak-log-period">
      <div className="ak-log-field">
        <label className="ak-label" htmlFor={`${id}-period`}>
          {t('filters.period')}
        </label>
        <select
          id={`${id}-period`}
          className="ak-select"
          value={mode}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setCustom(next === 'custom');
            if (next === 'custom' || next === '') {
              onChange({ preset: undefined, from: undefined, to: undefined });
            } else {
              onChange({ preset: next as PeriodPreset, from: undefined, to: undefined });
            }
          }}
        >
          <option value="">{t('filters.anyTime')}</option>
          {PERIOD_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`preset.${preset}`)}
            </option>
          ))}
          <option value="custom">{t('filters.custom')}</option>
        </select>
      </div>
      {mode === 'custom' ? (
        <>
          <div className="ak-log-field">
            <label className="ak-label" htmlFor={`${id}-from`}>
              {t('filters.from')}
            </label>
            <input
              id={`${id}-from`}
              className="ak-input"
              type="date"
              value={dayInZone(filters.from, timeZone)}
              max={toDay || undefined}
              onChange={(event) =>
                onChange({
                  preset: undefined,
                  from: zonedMidnight(event.currentTarget.value, { timeZone }),
                  to: filters.to,
                })
              }
            />
          </div>
          <div className="ak-log-field">
            <label className="ak-label" htmlFor={`${id}-to`}>
              {t('filters.to')}
            </label>
            <input
              id={`${id}-to`}
              className="ak-input"
              type="date"
              value={toDay}
              min={dayInZone(filters.from, timeZone) || undefined}
              onChange={(event) =>
                onChange({
                  preset: undefined,
                  from: filters.from,
                  to: zonedMidnight(event.currentTarget.value, { timeZone, end: true }),
                })
              }
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
