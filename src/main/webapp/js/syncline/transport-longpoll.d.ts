import type { Frame } from './client.js';
import type { Http } from './http.js';
import type { TransportHandlers } from './transport-websocket.js';
export declare class LongPollTransport {
  constructor(options: { http: Http; pollTimeout?: number });
  readonly name: 'longpoll';
  opened: boolean;
  start(token: string | null, handlers: TransportHandlers): Promise<void>;
  send(frame: Frame): void;
  close(code?: number, reason?: string): void;
}
