export type { VerifyInput } from '../data/source.ts';
export { IntegrityPanel, type IntegrityPanelProps } from './IntegrityPanel.tsx';
export { useCheckpointOf, useIntegrityStatus, useVerifyIntegrity } from './useIntegrity.ts';
export type { EventLinks } from './VerifyReportView.tsx';
