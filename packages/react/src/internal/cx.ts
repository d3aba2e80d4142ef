/**
 * Joins class names, skipping empty ones.
 *
 * @example
 * ```ts
 * cx('ak-button', primary && 'ak-button--primary', className); // 'ak-button ak-button--primary'
 * ```
 */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
