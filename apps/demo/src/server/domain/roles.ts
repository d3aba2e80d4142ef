import type { Role } from './model.ts';

/**
 * Whether a user may verify the sealed activity log: administrators, who answer for the audit
 * trail (a verify also reads a business's whole sealed history, not a thing to run on every click).
 * The server refuses anyone else's verify (`access.ts`); the web app offers them no "Verify now".
 */
export function mayVerify(user: { role: Role }): boolean {
  return user.role === 'admin';
}
