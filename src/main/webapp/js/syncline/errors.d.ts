/** The server's error payload (docs/protocol.md, "Errors"). */
export interface ErrorPayload {
  code: string;
  message?: string;
  details?: unknown;
  recoverable?: boolean;
  retryAfter?: number;
}
export declare class SynclineError extends Error {
  constructor(payload?: ErrorPayload);
  code: string;
  details?: unknown;
  recoverable?: boolean;
  retryAfter?: number;
  /** Set for HTTP errors. */ status?: number;
  /** Set on a rejected optimistic write that hit a conflict. */ conflict?: import('./optimistic.js').Conflict;
}
export declare class TimeoutError extends Error {
  code: 'timeout';
}
export declare class ConnectionLostError extends Error {
  code: 'connection_lost';
}
export declare class QueueFullError extends Error {
  code: 'queue_full';
}
export declare class ClosedError extends Error {
  code: 'closed';
}
