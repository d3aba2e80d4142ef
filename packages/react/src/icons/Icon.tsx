import type { ReactNode, SVGProps } from 'react';

// 24×24 outline icons drawn with `currentColor` strokes (one path string each), sized by CSS
// (`.ak-icon`, 1em by default). Names match the schema's category icons.
const PATHS = {
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4',
  unlock: 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 7.7-1.5',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  users:
    'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14a7 7 0 0 1 4 7',
  cart: 'M3 4h2l2.4 11h11l2-8H6.2M9 20a1 1 0 1 0 0-.01M18 20a1 1 0 1 0 0-.01',
  calendar: 'M4 6h16v15H4zM4 10h16M8 3v4M16 3v4',
  receipt: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3',
  bag: 'M5 8h14l-1 13H6zM9 8V6a3 3 0 0 1 6 0v2',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-2-4-2 .5-1.5-1L15 4h-4l-.5 2.5-1.5 1L7 7l-2 4 2 1v0l-2 1 2 4 2-.5 1.5 1L11 20h4l.5-2.5 1.5-1 2 .5 2-4z',
  info: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 11v6M12 7v.01',
  signature: 'M3 17c3-6 5-9 6-8s-3 9-1 9 4-6 5-5 0 4 2 4 3-2 6-2M3 21h18',
  'id-card':
    'M3 5h18v14H3zM9 12a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM5.5 16a3.5 3.5 0 0 1 7 0M15 9h3M15 13h3',
  building: 'M4 21V3h10v18M14 9h6v12M8 7h2M8 11h2M8 15h2M2 21h20',
  link: 'M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1',
  tag: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5v.01',
  note: 'M5 3h10l4 4v14H5zM15 3v4h4M8 12h8M8 16h6',
  dot: 'M12 14a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  plus: 'M12 5v14M5 12h14',
  edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14M10 11v6M14 11v6',
  login: 'M10 17l5-5-5-5M15 12H3M14 3h6v18h-6',
  logout: 'M15 17l5-5-5-5M20 12H8M10 3H4v18h6',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.01',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
  inbox: 'M3 13l3-9h12l3 9v7H3zM3 13h5l1 3h6l1-3h5',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  cpu: 'M7 7h10v10H7zM10 10h4v4h-4zM9 3v4M15 3v4M9 17v4M15 17v4M3 9h4M3 15h4M17 9h4M17 15h4',
  refresh: 'M20 11a8 8 0 0 0-14-5L4 8M4 4v4h4M4 13a8 8 0 0 0 14 5l2-2M20 20v-4h-4',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 7v5l3 2',
  x: 'M6 6l12 12M18 6L6 18',
  chevron: 'M9 6l6 6-6 6',
  download: 'M12 4v11M7 10l5 5 5-5M4 20h16',
  filter: 'M3 5h18l-7 8v6l-4 2v-8z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM16 16l5 5',
  signal: 'M12 3l10 18H2zM12 10v5M12 18v.01',
  send: 'M4 12l16-8-6 16-2-6zM12 14l8-10',
} as const;

/** The name of a built-in icon. */
export type IconName = keyof typeof PATHS;

/** Props of {@link Icon}. */
export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'name'> {
  /** A built-in icon; an unknown name (e.g. an app category's icon) draws a dot. */
  name: string;
  /** Accessible name; without one the icon is decorative (`aria-hidden`). Defaults to none. */
  label?: string;
}

/**
 * A small inline SVG icon in the current text colour.
 *
 * @example
 * ```tsx
 * <Icon name="calendar" /> // decorative
 * <Icon name="lock" label="Private" />
 * ```
 */
export function Icon({ name, label, className, ...props }: IconProps): ReactNode {
  const d = PATHS[name as IconName] ?? PATHS.dot;
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: decorative icons are aria-hidden; labelled ones get role="img" and aria-label
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      className={className ? `ak-icon ${className}` : 'ak-icon'}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

/**
 * The icon of an event kind (create → plus, delete → trash, login → arrow in, …).
 *
 * @example
 * ```ts
 * kindIcon('login_failed'); // 'alert'
 * ```
 */
export function kindIcon(kind: string): IconName {
  switch (kind) {
    case 'create':
      return 'plus';
    case 'update':
      return 'edit';
    case 'delete':
      return 'trash';
    case 'login':
      return 'login';
    case 'logout':
      return 'logout';
    case 'login_failed':
      return 'alert';
    case 'access':
      return 'eye';
    case 'note':
      return 'note';
    default:
      return 'dot';
  }
}
