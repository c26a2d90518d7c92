import type { Frame } from './client.js';
import type { Http } from './http.js';
import type { TransportHandlers } from './transport-websocket.js';
/** A change of the feed (`GET /api/sync`, `change` frames). */
export interface Change { entity: string; entityId: string; action: 'create' | 'update' | 'delete'; data: any; version: number; timestamp: string; actor?: string }
/** The `entity:created|updated|deleted` frame the socket would send for this change. */
export declare function changeFrame(change: Change, channel: string): Frame;
export declare class LongPollTransport {
  constructor(options: { http: Http; pollTimeout?: number });
  readonly name: 'longpoll';
  opened: boolean;
  start(token: string | null, handlers: TransportHandlers): Promise<void>;
  send(frame: Frame): void;
  close(code?: number, reason?: string): void;
}
