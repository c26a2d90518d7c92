import type { Answer, RealtimeClient } from './client.js';
import type { Tokens } from './tokens.js';

/** Dial, establish, lose, reconnect; the offline queue and frame routing (used by RealtimeClient). */
export declare class Lifecycle {
  constructor(client: RealtimeClient);
  readonly tokens: Tokens;
  /** Whether a connection is established. */
  readonly open: boolean;
  /** Frames waiting for a connection. */
  readonly queued: number;
  connect(): void;
  disconnect(): void;
  request<P = any>(
    type: string,
    payload: object,
    options: { until?: string | string[]; timeout: number; retry: boolean; channel?: string },
  ): Promise<Answer<P>>;
  send(type: string, payload: object, options: { channel?: string; volatile: boolean }): boolean;
}
