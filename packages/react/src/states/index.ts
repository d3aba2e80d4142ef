export { type StateKind, StatePanel, type StatePanelProps, stateOfError } from './StatePanel.tsx';
