import { Channel, ChannelOptions } from './channel.js';
import { State, Transport } from './constants.js';
import { Emitter } from './emitter.js';
import type { FieldSync } from './fields.js';
import type { FieldValidator, FormValidationResult, ValidationResult } from './forms.js';
import { Http } from './http.js';
import { PresenceManager } from './presence.js';
import type { SchemaManager, SchemaOptions } from './schema.js';
import { Signal } from './signal.js';

/** One protocol frame (envelope dialect). */
export interface Frame<P = any> {
  type: string;
  channel?: string;
  requestId?: string;
  payload?: P;
  version?: number;
  timestamp?: number;
}
/** A request's answer, with the other frames that carried its requestId (e.g. `change`s of a sync). */
export type Answer<P = any> = Frame<P> & { frames: Frame[] };

export interface ClientOptions {
  /** The server's base URL; default: the page's origin. */
  url?: string;
  /** The socket's URL; default: `url` with ws(s) and `socketPath`. */
  socketUrl?: string;
  socketPath?: string;
  /** Supplies a token; called for every connection, after a refusal and before expiry. */
  token?: (context: { reason: 'connect' | 'rejected' | 'expiry' }) => string | null | Promise<string | null>;
  /** How the handshake carries the token: the `jwt` subprotocol (default) or `?access_token=`. */
  tokenVia?: 'protocol' | 'query';
  requestTimeout?: number;
  /**
   * How long one connection attempt may take, from opening its transport (after the token) to
   * `connection:established`, before it is closed with 1006 and the next is scheduled, as after a
   * failed handshake; WebSocket probes made while on long-poll get the same limit. 0: no limit.
   */
  connectTimeout?: number;
  backoffBase?: number;
  backoffCap?: number;
  /** Frames queued while offline, at most. */
  maxQueue?: number;
  /** Ping period; default half the server's heartbeatInterval. */
  pingInterval?: number;
  /** Silence after which the connection is declared dead; default 2.5 pings. */
  deadAfter?: number;
  /** false: never fall back to long-poll. */
  fallback?: boolean;
  /** Consecutive failed WebSocket attempts before falling back. */
  fallbackAfter?: number;
  /** How often a WebSocket is tried again while on long-poll. */
  probeInterval?: number;
  pollTimeout?: number;
  presenceHeartbeat?: number;
  /** Refresh the token this long before it expires. */
  tokenRefreshMargin?: number;
  maxAuthFailures?: number;
  /**
   * Reconnect attempts in a row (without a connection established in between) before the client
   * gives up: it emits `error` with code `unavailable` and closes. Default: no limit (seed 003).
   */
  maxReconnectAttempts?: number;
  /** Start on long-poll: `['longpoll']`. */
  transports?: Transport[];
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface RequestOptions {
  until?: string | string[];
  timeout?: number;
  retry?: boolean;
  channel?: string;
}

/** Seed 003's connection status, emitted as `connection:status` on each change. */
export interface ConnectionStatus {
  status: 'connected' | 'disconnected' | 'reconnecting';
  reason?: string;
  /** Reconnect attempts in a row so far (0 once connected). */
  reconnectAttempts: number;
  /** Milliseconds until the next attempt (0 unless reconnecting). */
  nextReconnectIn: number;
}

/** Expiry (seconds since the epoch) of a JWT, or null. */
export { tokenExpiry } from './tokens.js';

/**
 * Events: `state` (State), `open` (connection:established payload), `close` ({code, reason}),
 * `reconnecting` ({attempt, delay, code}), `fallback` ({failures}: moving to long-poll), `dead`, `message` (Frame), `error` (Error),
 * `rate-limit` (payload), `connection:status` (ConnectionStatus, seed 003), `cache:invalidate`
 * ({keys, pattern?, cascade?}: a published invalidation; collections it names reload).
 */
export declare class RealtimeClient extends Emitter {
  constructor(options?: ClientOptions);
  readonly options: Required<ClientOptions>;
  readonly state: Signal<State>;
  readonly transport: Signal<Transport | null>;
  /** Round trip of the last ping, ms. */
  readonly latency: Signal<number | null>;
  readonly http: Http;
  readonly channels: Map<string, Channel>;
  /** The schema managers, by app. */
  readonly schemas: Map<string, SchemaManager>;
  userId: string | null;
  token: string | null;
  /** Frames waiting for a connection. */
  readonly queued: number;
  connect(): this;
  disconnect(): void;
  channel(name: string, options?: ChannelOptions): Channel;
  /** A seed 001 room, `component:{id}`, with its presence. */
  room(id: string): Channel & { presence: PresenceManager };
  /** The schema manager of an app (seed 000); the same object for the same app. */
  schema(app: string, options?: SchemaOptions): SchemaManager;
  presence(resource: string, options?: { name?: string; metadata?: Record<string, unknown> }): PresenceManager;
  /** Field-level sync on an entity: its field changes, and field pushes with per-field timestamps. */
  fields(entity: string, options?: { since?: number }): FieldSync;
  /** `validate_field`. */
  validate(form: string, field: string, value: unknown): Promise<ValidationResult>;
  /** `validate_form` with `{field: value}`; fields left out count as missing. */
  validateForm(form: string, values: Record<string, unknown>): Promise<FormValidationResult>;
  /** As-you-type validation of one form: each field's checks are debounced. */
  validator(form: string, options?: { wait?: number }): FieldValidator;
  request<P = any>(type: string, payload?: object, options?: RequestOptions): Promise<Answer<P>>;
  send(type: string, payload?: object, options?: { channel?: string; volatile?: boolean }): boolean;
}
