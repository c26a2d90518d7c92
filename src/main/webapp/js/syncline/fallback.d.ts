import type { RealtimeClient } from './client.js';
import type { Transport } from './constants.js';
import type { WebSocketTransport } from './transport-websocket.js';

/** Picks WebSocket or long-poll for the next connection, and probes back (used by RealtimeClient). */
export declare class Fallback {
  constructor(
    client: RealtimeClient,
    handlers: { token(): Promise<string | null>; stopped(): boolean; moveToWebSocket(): void },
  );
  /** The transport of the next connection. */
  readonly mode: Transport;
  webSocket(): WebSocketTransport;
  established(conn: { name: Transport }): void;
  closed(conn: { name: Transport }, wasEstablished: boolean): void;
  chooseNext(conn: { name: Transport }, wasEstablished: boolean): void;
  stop(): void;
}
