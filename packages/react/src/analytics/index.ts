export {
  ActivityAnalytics,
  type ActivityAnalyticsProps,
  type AnalyticsSection,
} from './ActivityAnalytics.tsx';
export { drillDown } from './LogLink.tsx';
export { SignalsList, type SignalsListProps, signalQuery } from './SignalsList.tsx';
