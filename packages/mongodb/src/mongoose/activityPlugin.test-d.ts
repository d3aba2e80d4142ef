import type { ActivityStore } from '@activitykit/core';
import { Schema } from 'mongoose';
import { expectTypeOf, it } from 'vitest';
import { type ActivityPluginOptions, activityPlugin } from './index.ts';

declare const store: ActivityStore;

it('plugs into a schema with its options checked', () => {
  const schema = new Schema({ name: String });
  expectTypeOf(schema.plugin(activityPlugin, { type: 'customer', store })).toEqualTypeOf(schema);
  expectTypeOf<ActivityPluginOptions['capture']>().toEqualTypeOf<
    readonly ('create' | 'update' | 'delete')[] | undefined
  >();
  // @ts-expect-error: a plugin needs a record type
  schema.plugin(activityPlugin, { store });
});
