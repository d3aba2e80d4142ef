// `@activitykit/react/memory`: an in-memory ActivitySource for stories, tests and prototypes.
export {
  createMemorySource,
  type MemorySource,
  type MemorySourceOptions,
} from './data/memory/createMemorySource.ts';
