import type { RealtimeClient } from './client.js';

/** Pings, measures latency, declares a silent connection dead (used by RealtimeClient). */
export declare class Heartbeat {
  constructor(client: RealtimeClient, handlers: { onDead(): void });
  /** A frame arrived. */
  heard(): void;
  /** Starts pinging at half the server's interval (or `pingInterval`); a no-op without either. */
  start(serverInterval?: number): void;
  pong(payload: { sequenceNumber?: number | null }): void;
  stop(): void;
}
