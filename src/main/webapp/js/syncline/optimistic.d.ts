import type { Answer } from './client.js';
import type { Collection, Item } from './collection.js';
import type { RealtimeClient } from './client.js';

export interface Conflict {
  /** null over long-poll, where the server keeps no conflict. */
  conflictId: string | null;
  conflictType: 'version' | 'data' | 'schema';
  entity: string;
  entityId: string;
  local?: { version: number | null; data: unknown };
  remote?: { version: number; data: unknown } | null;
  /** Settles it: `local` (mine wins), `remote` (theirs stays) or `merged` with `data`. */
  resolve(choice: 'local' | 'remote' | 'merged', data?: object): Promise<Answer | Item | null>;
}

/** One version to choose from in a `conflict:manual-resolution` (seed 003's VersionedData). */
export interface ResolutionOption {
  /** What `resolve` takes to keep this version. */
  choice: 'local' | 'remote';
  id: string;
  /** The version it is (the client's: the version its change was based on). */
  version: number | null;
  /** The client's change, or the record as it is; null for a deletion. */
  data: unknown;
  metadata: { source: string; updatedBy?: string; updatedAt?: string };
}

/** A conflict the server asks a person to settle: the conflict, its options, what to show. */
export interface ManualResolution extends Conflict {
  options: ResolutionOption[];
  /** `fields`: the top-level fields on which the options differ. */
  ui: { title: string; description: string; fields: string[] };
}

export declare class OptimisticManager {
  constructor(
    client: RealtimeClient,
    options?: {
      onConflict?: (conflict: Conflict) => void;
      /** Called after `onConflict` when the server sends `conflict:manual-resolution` for it. */
      onManualResolution?: (resolution: ManualResolution) => void;
      timeout?: number;
    },
  );
  /** Stops listening for `conflict:manual-resolution`. */
  dispose(): void;
  create<T>(collection: Collection<T>, data: Partial<T> & { id?: string }): Promise<Item<T>>;
  update<T>(collection: Collection<T>, id: string, changes: Partial<Record<keyof T, unknown>>): Promise<Item<T>>;
  delete<T>(collection: Collection<T>, id: string): Promise<Item<T>>;
}
