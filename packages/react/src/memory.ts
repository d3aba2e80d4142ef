// `@activitykit/react/memory`: an in-memory ActivitySource for stories, tests and prototypes.
export {
  createMemorySource,
  type MemorySource,
  type MemorySourceOptions,
} from './data/memory/createMemorySource.ts';
export type { MemoryIntegrityOptions } from './data/memory/memoryIntegrity.ts';
