import { usePreferences } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Link } from '../router.tsx';

/** The fields of a customer, order, booking or sale the pages show, with their labels, in order. */
const FIELDS: [field: string, label: MessageKey][] = [
  ['name', 'name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['resource', 'resource'],
  ['startsAt', 'startsAt'],
  ['durationMin', 'duration'],
  ['guests', 'guests'],
  ['items', 'items'],
  ['total', 'total'],
  ['payment', 'payment'],
  ['status', 'status'],
  ['location', 'location'],
  ['dependents', 'dependents'],
  ['createdAt', 'created'],
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A record's fields as a definition list — a live record, or the snapshot a delete event kept of
 * it (dates as ISO strings there), its customer as a link. Fields the record does not have are
 * left out.
 */
export function SnapshotDetails({
  record,
  className = 'details',
}: {
  record: Record<string, unknown>;
  className?: string;
}) {
  const { t, formatDateTime } = usePreferences();
  const text = (value: unknown): string | undefined => {
    if (value instanceof Date) return formatDateTime(value);
    if (typeof value === 'string') return ISO_DATE.test(value) ? formatDateTime(value) : value;
    if (typeof value === 'number') return String(value);
    if (!Array.isArray(value) || value.length === 0) return undefined;
    return value
      .map((entry: { name?: unknown; qty?: unknown }) =>
        typeof entry.qty === 'number' ? `${entry.qty} × ${entry.name}` : String(entry.name),
      )
      .join(', ');
  };
  const rows = FIELDS.flatMap(([field, label]) => {
    const shown = text(record[field]);
    return shown === undefined || shown === '' ? [] : [{ field, label: t(label), shown }];
  });
  const customerId = typeof record.customerId === 'string' ? record.customerId : undefined;
  return (
    <dl className={className}>
      {customerId && (
        <div className="details-row">
          <dt>{t('customer')}</dt>
          <dd>
            <Link href={`/customers/${encodeURIComponent(customerId)}`}>
              {text(record.customerName) ?? customerId}
            </Link>
          </dd>
        </div>
      )}
      {rows.map(({ field, label, shown }) => (
        <div key={field} className="details-row">
          <dt>{label}</dt>
          <dd>{shown}</dd>
        </div>
      ))}
      <div className="details-row">
        <dt>ID</dt>
        <dd>
          <code>{String(record._id ?? '')}</code>
        </dd>
      </div>
    </dl>
  );
}
