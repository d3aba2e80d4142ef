import type { ActivitySource } from '../data/source.ts';

/**
 * `parameters.activity` of a story: how .storybook/preview.tsx builds the story's
 * `<ActivityProvider>`. The toolbar (or a story's `globals`) picks locale, theme and direction.
 *
 * @example
 * ```ts
 * export const Empty: Story = {
 *   parameters: { activity: { source: () => createMemorySource({ now: () => FIXTURE_NOW }) } satisfies StoryActivity },
 * };
 * ```
 */
export interface StoryActivity {
  /** Makes the story's source, once per render of the story. Defaults to an empty memory source. */
  source?: () => ActivitySource;
  /** Defaults to `'UTC'`. */
  timeZone?: string;
  /** Defaults to `() => FIXTURE_NOW` (Monday 23 November 2026, 15:00 UTC). */
  now?: () => Date;
}
