import { describe, expect, it } from 'vitest';
import { isDuplicateKey } from './classify.ts';

describe('isDuplicateKey', () => {
  it('takes a duplicate key, and a bulk write refused only for duplicates', () => {
    expect(isDuplicateKey({ code: 11000 })).toBe(true);
    expect(isDuplicateKey({ writeErrors: [{ code: 11000 }, { code: 11000 }] })).toBe(true);
    expect(isDuplicateKey({ writeErrors: { code: 11000 } })).toBe(true);
  });

  it('refuses anything else, and a bulk write with one other refusal', () => {
    expect(isDuplicateKey(new Error('network'))).toBe(false);
    expect(isDuplicateKey({ writeErrors: [{ code: 11000 }, { code: 121 }] })).toBe(false);
    expect(isDuplicateKey({ writeErrors: [] })).toBe(false);
  });
});
