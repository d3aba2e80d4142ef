import type { ActivityStats } from '@activitykit/schema';
import { type ReactNode, useId } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { niceMax } from './chartScale.ts';
import { LogLink } from './LogLink.tsx';

const BAR = 10;
const HEIGHT = 100;

/**
 * Events over time as SVG bars (one per hour, day or week in the viewer's zone), described in
 * words, with the numbers as a table behind a disclosure; each row links to the log of that bucket.
 */
export function TrendChart({ stats }: { stats: ActivityStats }): ReactNode {
  const i18n = useActivityI18n();
  const { t } = i18n;
  const id = useId();
  const { series, bucket } = stats;
  const max = niceMax(Math.max(0, ...series.map((point) => point.count)));
  const peak = series.reduce(
    (best, point) => (point.count > best.count ? point : best),
    series[0] ?? { start: stats.range.from, count: 0 },
  );
  const label = (date: Date) =>
    bucket === 'hour'
      ? i18n.formatDate(date, {
          day: 'numeric',
          month: 'short',
          hour: 'numeric',
          minute: '2-digit',
        })
      : i18n.formatDate(date, { day: 'numeric', month: 'short' });
  const end = (index: number) => series[index + 1]?.start ?? stats.range.to;
  const width = Math.max(series.length, 1) * BAR;
  const description = t('analytics.trendDescription', {
    total: t('event.count', { count: stats.total }),
    from: label(stats.range.from),
    to: label(new Date(stats.range.to.getTime() - 1)),
    bucket: t(`analytics.bucket.${bucket}`),
    peak: label(peak.start),
    peakCount: i18n.formatNumber(peak.count),
  });

  return (
    <figure className="ak-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="ak-card__title">
        {t('analytics.trend')}
      </figcaption>
      <div className="ak-chart__plot">
        <span className="ak-chart__y ak-chart__y--max" aria-hidden="true">
          {i18n.formatNumber(max)}
        </span>
        <span className="ak-chart__y ak-chart__y--zero" aria-hidden="true">
          0
        </span>
        <svg
          className="ak-chart__svg"
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={description}
        >
          <line className="ak-chart__grid" x1="0" x2={width} y1={HEIGHT / 2} y2={HEIGHT / 2} />
          <line className="ak-chart__grid" x1="0" x2={width} y1="0.5" y2="0.5" />
          {series.map((point, index) => {
            const h = (point.count / max) * HEIGHT;
            return (
              <rect
                key={point.start.getTime()}
                className="ak-chart__bar"
                x={index * BAR + 1}
                y={HEIGHT - h}
                width={BAR - 2}
                height={h}
              />
            );
          })}
        </svg>
      </div>
      <div className="ak-chart__x" aria-hidden="true">
        <span>{series[0] ? label(series[0].start) : ''}</span>
        <span>
          {series.length > 2
            ? label((series[Math.floor(series.length / 2)] as { start: Date }).start)
            : ''}
        </span>
        <span>{series.length > 1 ? label((series.at(-1) as { start: Date }).start) : ''}</span>
      </div>
      <p className="ak-chart__description" dir="auto">
        {description}
      </p>
      <details className="ak-chart__details">
        <summary>{t('analytics.showTable')}</summary>
        <table className="ak-table">
          <thead>
            <tr>
              <th scope="col">{t('analytics.period')}</th>
              <th scope="col" className="ak-num">
                {t('analytics.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((point, index) => (
              <tr key={point.start.getTime()}>
                <th scope="row">
                  <LogLink query={{ from: point.start, to: end(index) }}>
                    {label(point.start)}
                  </LogLink>
                </th>
                <td className="ak-num">{i18n.formatNumber(point.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
