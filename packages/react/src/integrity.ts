// `@activitykit/react/integrity`: the integrity panel, "Verify now" and the panel's strings. A
// separate entry so that only an app that shows the panel ships them (the main entry's bundle
// budget, scripts/check-size.mjs); every log already has the seal locks, the detail drawer's
// checkpoint line, `useIntegrityStatus` and `useCheckpointOf` from `@activitykit/react`.
// Stories and tests import it from '../integrity.ts'.

export { IntegrityPanel, type IntegrityPanelProps } from './integrity/IntegrityPanel.tsx';
export { type IntegrityMessageKey, integrityMessages } from './integrity/messages.ts';
export { useVerifyIntegrity } from './integrity/useVerifyIntegrity.ts';
export type { EventLinks } from './integrity/VerifyReportView.tsx';
