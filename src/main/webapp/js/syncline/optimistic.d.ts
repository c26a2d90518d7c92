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

export declare class OptimisticManager {
  constructor(client: RealtimeClient, options?: { onConflict?: (conflict: Conflict) => void; timeout?: number });
  create<T>(collection: Collection<T>, data: Partial<T> & { id?: string }): Promise<Item<T>>;
  update<T>(collection: Collection<T>, id: string, changes: Partial<Record<keyof T, unknown>>): Promise<Item<T>>;
  delete<T>(collection: Collection<T>, id: string): Promise<Item<T>>;
}
