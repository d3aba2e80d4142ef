import { activityKitProject } from '@activitykit/test-utils/vitest';

const config = activityKitProject();
// Vitest passes these conditions to Node with `--conditions`, which applies to `require()` too: with
// `import` among them, Express's router gets the ESM build of `is-promise` from `require()` and every
// request fails. Express's CommonJS needs Node's own conditions, plus the workspace's source one.
const conditions = ['@activitykit/source', 'node'];
if (config.resolve) config.resolve.conditions = conditions;
if (config.ssr?.resolve) {
  config.ssr.resolve.conditions = conditions;
  config.ssr.resolve.externalConditions = conditions;
}

export default config;
