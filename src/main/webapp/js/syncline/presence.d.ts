import type { Channel } from './channel.js';
import type { Signal } from './signal.js';

export interface Member {
  id: string;
  name?: string;
  email?: string;
  lastSeen?: string;
  metadata?: Record<string, unknown>;
}

export declare class PresenceManager {
  constructor(channel: Channel, options?: { heartbeat?: number });
  readonly channel: Channel;
  /** Sorted by name, then id. */
  readonly members: Signal<Member[]>;
  readonly count: Signal<number>;
  /** Whether the snapshot of the current connection has been applied. */
  synced: boolean;
  leave(): void;
}
