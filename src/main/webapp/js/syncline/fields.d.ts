import { Channel } from './channel.js';
import type { RealtimeClient } from './client.js';

/** One field of a committed change (a `field_change` frame's `change`). */
export interface FieldChange {
  entity: string;
  entityId: string;
  field: string;
  /** null when `action` is `unset`. */
  value: unknown;
  action: 'set' | 'unset';
  /** The change's version, shared by the fields of one push. */
  version: number;
  /** ISO-8601: the pushed timestamp, or the commit time of a whole-record write. */
  timestamp: string;
  actor: string | null;
}

/** A pushed field that lost to a newer one and was not written (a `field_conflict` payload). */
export interface FieldConflict {
  entity: string;
  entityId: string;
  field: string;
  serverValue: unknown;
  serverTimestamp: string;
  clientValue: unknown;
  clientTimestamp: string;
}

export interface FieldPushResult {
  /** Fields written (or already there from the same push). */
  applied: number;
  conflicts: FieldConflict[];
  /** The version of the change written; null when nothing changed. */
  version: number | null;
}

/** Epoch milliseconds, strictly increasing across calls in this page. */
export declare function fieldTimestamp(): number;

/**
 * `client.fields(entity)`. Events: `change` (FieldChange, frame), `field_change` (payload, frame),
 * `conflict` (FieldConflict), and a channel's `join`, `leave`, `resync`, `error`.
 */
export declare class FieldSync extends Channel {
  constructor(client: RealtimeClient, entity: string, options?: { since?: number });
  readonly entity: string;
  /** Writes fields of one record; `null` unsets a field. */
  push(entityId: string, values: Record<string, unknown>, options?: { timeout?: number }): Promise<FieldPushResult>;
}
