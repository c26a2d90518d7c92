import type { Channel } from './channel.js';
import type { RealtimeClient } from './client.js';
import { Emitter } from './emitter.js';
import { SynclineError } from './errors.js';
import type { Baseline, FieldDiff, SchemaField, SchemaUpdate, Validation } from './schema-rules.js';
import type { Signal } from './signal.js';

export { checkBaseline, checkField, checkShape, diffFields, fieldsOf, validateRecord } from './schema-rules.js';
export type { Baseline, SchemaField, SchemaUpdate, Validation } from './schema-rules.js';

/** An update the manager refused; `reasons` says why. code: `schema_refused`. */
export declare class SchemaError extends SynclineError {
  constructor(message: string, details?: { app?: string; version?: number; reasons?: string[] });
  reasons: string[];
}

/** A local change the server overruled: the server changed the same property, or removed the field (property null). */
export interface SchemaConflict {
  field: string;
  property: string | null;
  local: unknown;
  server: unknown;
}

/** The `change` event. `source`: where the version came from, or `local` for an override. */
export interface SchemaChange extends FieldDiff {
  app: string;
  version: number;
  previousVersion: number | null;
  conflicts: SchemaConflict[];
  source: 'http' | 'socket' | 'local';
}

export interface SchemaOptions {
  /** Updates must keep its schemaType and the fields it marks required (name and type). */
  baseline?: Baseline | null;
  /** Where the version held is kept; default localStorage (null: nowhere). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** false: HTTP only, no subscription. */
  live?: boolean;
}

/** Something kept in step with the schema: called with each change, or a Collection. */
export type SchemaTarget = ((change: SchemaChange) => void) | { forgetFields(fields: string[]): void };

/**
 * One app's schema (seed 000). Events: `change` (SchemaChange), `error` (SchemaError for a refused
 * update; SynclineError for a failed request).
 */
export declare class SchemaManager extends Emitter {
  constructor(client: RealtimeClient, app: string, options?: SchemaOptions);
  readonly client: RealtimeClient;
  readonly app: string;
  readonly baseline: Baseline | null;
  readonly channel: Channel | null;
  /** The schema in effect (local changes applied), or null before there is one. */
  readonly schema: Signal<SchemaUpdate | null>;
  /** Resolves once the initial HTTP request is answered or has failed. */
  readonly ready: Promise<this>;
  /** The server version held, or null. */
  readonly version: number | null;
  readonly current: SchemaUpdate | null;
  /** The fields of the schema in effect, in order. */
  readonly fields: SchemaField[];
  refresh(): Promise<void>;
  /** One version, fetched once and kept. */
  versionOf(version: number): Promise<SchemaUpdate>;
  /** Takes an update if newer and within the baseline; false otherwise. */
  apply(update: SchemaUpdate, source?: 'http' | 'socket' | 'local'): boolean;
  /** A local change to a field's properties; `constraints` merge key by key. */
  override(field: string, properties: Partial<SchemaField>): void;
  validate(record: Record<string, unknown>): Validation;
  /** Returns the function that unbinds. */
  bind(target: SchemaTarget): () => void;
  dispose(): void;
}
