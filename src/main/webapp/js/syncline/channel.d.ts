import type { RealtimeClient, Frame } from './client.js';
import { Emitter } from './emitter.js';
import type { PresenceManager } from './presence.js';

export interface ChannelOptions {
  /** Resume from this version (e.g. a snapshot's): the first join catches up with `sync`. */
  since?: number;
  /** Server-side filters (seed 003): record fields that must equal these values. */
  filters?: Record<string, unknown>;
  /** Deliver at most every this many ms, as `batch:update` (unpacked by the client). */
  throttle?: number;
}

/**
 * Events: any frame type (`entity:created`, `broadcast`, `presence:sync`, a publish API type…)
 * with `(payload, frame)`; a broadcast's event name with `(data, {event, data, from, timestamp})`;
 * `join` ({version}), `leave`, `resync` (the log was pruned, or the server forced a resync: reload, then `resetTo`), `error`.
 */
export declare class Channel extends Emitter {
  constructor(client: RealtimeClient, name: string, options?: ChannelOptions);
  readonly client: RealtimeClient;
  readonly name: string;
  readonly entity: string | null;
  /** The version of the last change delivered. */
  lastVersion: number | null;
  joined: boolean;
  presence?: PresenceManager;
  broadcast(event: string, data?: unknown, options?: { volatile?: boolean }): boolean;
  leave(): void;
  /** Same as leave(). */
  dispose(): void;
  resetTo(version: number): void;
}
export type { Frame };
