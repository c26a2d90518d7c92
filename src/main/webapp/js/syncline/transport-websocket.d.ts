import type { Frame } from './client.js';
export interface TransportHandlers {
  onFrame(frame: Frame): void;
  onClose(info: { code: number; reason: string; opened: boolean }): void;
}
export declare class WebSocketTransport {
  constructor(options: { url: string; WebSocket?: typeof WebSocket; tokenVia?: 'protocol' | 'query' });
  readonly name: 'websocket';
  opened: boolean;
  start(token: string | null, handlers: TransportHandlers): void;
  send(frame: Frame): void;
  close(code?: number, reason?: string): void;
}
