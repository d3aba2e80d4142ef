/**
 * Update statements per `bulkWrite`: FerretDB 1.24 stops answering altogether (every pooled
 * PostgreSQL connection held, idle) after one `update` command of about 30 statements; 20 worked.
 */
export const OPERATIONS_PER_WRITE = 8;
