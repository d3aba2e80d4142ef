export { DEVDB_ERROR_CODES, DevDbError, type DevDbErrorCode } from './errors.ts';
export {
  type DevDb,
  type DevDbEngine,
  type DevDbEngineChoice,
  type DevDbLogLevel,
  type DevDbOptions,
  startDevDb,
} from './startDevDb.ts';
