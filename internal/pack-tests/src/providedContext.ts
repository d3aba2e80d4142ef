/** What the pack-and-install global setup hands to the tests. */
export interface PackContext {
  /** A temporary folder for this run, removed afterwards. */
  workDir: string;
  /** The scratch app with the tarballs installed by npm. */
  appDir: string;
  /** Each published package's tarball, by package name. */
  tarballs: Record<string, string>;
  /** The Node.js 20 binary the scratch app runs on. */
  node20: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pack: PackContext;
    /** The run's dev database, from the workspace's shared global setup (test-utils). */
    mongoUri: string;
  }
}
