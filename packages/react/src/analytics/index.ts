export {
  ActivityAnalytics,
  type ActivityAnalyticsProps,
  type AnalyticsSection,
} from './ActivityAnalytics.tsx';
export { drillDown } from './LogLink.tsx';
export { signalQuery } from './SignalsList.tsx';
