import { activityKitProject } from '@activitykit/test-utils/vitest';

export default activityKitProject();
