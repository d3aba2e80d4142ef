/**
 * Update statements per `bulkWrite`: FerretDB 1.24 with a pool of 20 PostgreSQL connections stopped
 * answering altogether (every connection held, idle) after one `update` command of about 30
 * upserts; 20 worked. Small commands keep clear of it on any pool size.
 */
export const OPERATIONS_PER_WRITE = 8;
