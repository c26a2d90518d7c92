import type { RealtimeClient } from './client.js';

/** Expiry (seconds since the epoch) of a JWT, or null. */
export declare function tokenExpiry(token: string): number | null;

/** The client's token: fetched per connection, refreshed before expiry (used by RealtimeClient). */
export declare class Tokens {
  constructor(client: RealtimeClient);
  /** A fresh token from the client's `token` option, stored in `client.token`; null without one. */
  fetch(reason: 'connect' | 'rejected' | 'expiry'): Promise<string | null>;
  /** Refreshes the token `tokenRefreshMargin` before its JWT expiry, over the open connection. */
  scheduleRefresh(): void;
  stop(): void;
}
