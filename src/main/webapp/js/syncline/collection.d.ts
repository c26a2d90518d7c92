import type { Channel } from './channel.js';
import type { RealtimeClient } from './client.js';
import type { Signal } from './signal.js';

export type Item<T = Record<string, unknown>> = T & { id: string; _optimistic?: boolean; _tempId?: string };

/** Whether a `cache:invalidate` payload names this entity's collection (keys or `*` pattern). */
export declare function invalidates(invalidation: { keys?: string[]; pattern?: string }, entity: string): boolean;

export declare class Collection<T = Record<string, unknown>> {
  constructor(client: RealtimeClient, entity: string, options?: { path?: string });
  readonly entity: string;
  readonly items: Signal<Item<T>[]>;
  /** Each record's latest version. */
  readonly versions: Map<string, number>;
  channel: Channel | null;
  load(): Promise<this>;
  get(id: string): Item<T> | undefined;
  /** Drops these fields' cached values from every record (see SchemaManager.bind). */
  forgetFields(fields: string[]): void;
  dispose(): void;
}
