export {
  CustomerTimeline,
  type CustomerTimelineProps,
  type CustomerTimelineSlot,
} from './CustomerTimeline.tsx';
export { type DayGroup, groupByDay } from './groupByDay.ts';
export { NoteComposer, type NoteComposerProps } from './NoteComposer.tsx';
export { TimelineEvent, type TimelineEventProps } from './TimelineEvent.tsx';
