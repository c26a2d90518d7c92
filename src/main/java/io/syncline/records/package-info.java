/**
 * Synced records: the one write path every edge writes through (ids, policy, checks, idempotency,
 * versions and conflict rules), and the reads.
 */
package io.syncline.records;
