export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dev database of this test run (see `createTestDb`). */
    mongoUri: string;
  }
}
