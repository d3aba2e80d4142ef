import { createRedactor, type RedactorOptions } from '@activitykit/schema';
import type { Schema } from 'mongoose';

/**
 * The paths of a schema (and of its subdocument schemas) declared `select: false`, unless the
 * redaction's `allow` names them: the capture hides their values as it hides secrets.
 */
export function hiddenSchemaPaths(schema: Schema, redaction: RedactorOptions = {}): string[] {
  const hidden: string[] = [];
  const walk = (current: Schema, prefix: string) => {
    current.eachPath((path, type) => {
      const full = `${prefix}${path}`;
      if ((type.options as { select?: unknown } | undefined)?.select === false) hidden.push(full);
      const child = (type as { schema?: Schema }).schema;
      if (child && child !== current) walk(child, `${full}.`);
    });
  };
  walk(schema, '');
  return hidden.filter((path) => {
    const name = path.split('.').at(-1) ?? path;
    const allowed = !createRedactor({
      deny: [name],
      allow: redaction.allow ?? [],
      replaceDefaults: true,
    }).isSecret(name);
    return !allowed;
  });
}
