import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { handleGridKey } from './useGridKeyboard.ts';

const key = (init: Partial<KeyboardEvent>) =>
  ({ shiftKey: false, ctrlKey: false, metaKey: false, ...init }) as KeyboardEvent;

describe('grid keyboard', () => {
  it('moves, opens, selects and ignores other keys', () => {
    const calls: string[] = [];
    const actions = {
      count: 100,
      pageSize: 10,
      activeIndex: 5,
      move: (index: number) => calls.push(`move ${index}`),
      open: (index: number) => calls.push(`open ${index}`),
      toggle: (index: number, range: boolean) => calls.push(`toggle ${index} ${range}`),
      selectAll: () => calls.push('all'),
    };
    for (const k of ['ArrowDown', 'ArrowUp', 'PageDown', 'Home', 'End', 'Enter']) {
      expect(handleGridKey(key({ key: k }), actions)).toBe(true);
    }
    handleGridKey(key({ key: ' ', shiftKey: true }), actions);
    handleGridKey(key({ key: 'a', ctrlKey: true }), actions);
    expect(handleGridKey(key({ key: 'a' }), actions)).toBe(false);
    expect(handleGridKey(key({ key: 'ArrowDown' }), { ...actions, activeIndex: 99 })).toBe(true);
    expect(calls).toEqual([
      'move 6',
      'move 4',
      'move 15',
      'move 0',
      'move 99',
      'open 5',
      'toggle 5 true',
      'all',
      'move 99',
    ]);
  });
});
