import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './cleanUp.ts';

const ran: string[] = [];
cleanUp(() => ran.push('file'));

describe('cleanUp', () => {
  beforeAll(() => {
    cleanUp(() => ran.push('beforeAll'));
  });

  it('registers a clean-up inside a test', () => {
    cleanUp(() => ran.push('test'));
    expect(ran).toEqual([]);
  });

  it('has run it once that test finished, and leaves the others for the end of the file', () => {
    expect(ran).toEqual(['test']);
  });
});

afterAll(() => {
  // Registered after cleanUp's own file-level hook, so it runs first (after-all hooks run last
  // registered first): nothing made outside a test has been cleaned up yet.
  expect(ran).toEqual(['test']);
});
