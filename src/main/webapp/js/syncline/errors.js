/** Typed errors: what the server refused (with its code), and what the client gave up on. */

/** The server answered a request with an `error` frame. */
export class SynclineError extends Error {
  constructor({ code, message, details, recoverable, retryAfter } = {}) {
    super(message || code || 'error');
    this.name = 'SynclineError';
    this.code = code;
    this.details = details;
    this.recoverable = recoverable;
    this.retryAfter = retryAfter;
  }
}

/** No answer came within the request's timeout. */
export class TimeoutError extends Error {
  constructor(type, ms) {
    super(`no answer to ${type} within ${ms} ms`);
    this.name = 'TimeoutError';
    this.code = 'timeout';
  }
}

/** The connection dropped before a request that is not safe to repeat was answered. */
export class ConnectionLostError extends Error {
  constructor(type) {
    super(`the connection closed before ${type} was answered`);
    this.name = 'ConnectionLostError';
    this.code = 'connection_lost';
  }
}

/** The offline queue is full: the frame was not queued. */
export class QueueFullError extends Error {
  constructor(max) {
    super(`the offline queue is full (${max} frames)`);
    this.name = 'QueueFullError';
    this.code = 'queue_full';
  }
}

/** The client was closed with `disconnect()`. */
export class ClosedError extends Error {
  constructor() {
    super('the client is closed');
    this.name = 'ClosedError';
    this.code = 'closed';
  }
}
