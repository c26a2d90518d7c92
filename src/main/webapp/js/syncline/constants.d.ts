export declare const State: Readonly<{
  CONNECTING: 'connecting';
  OPEN: 'open';
  RECONNECTING: 'reconnecting';
  CLOSED: 'closed';
}>;
export type State = (typeof State)[keyof typeof State];
export declare const Transport: Readonly<{ WEBSOCKET: 'websocket'; LONG_POLL: 'longpoll' }>;
export type Transport = (typeof Transport)[keyof typeof Transport];
export declare const CloseCode: Readonly<{
  NORMAL: 1000;
  GOING_AWAY: 1001;
  POLICY: 1008;
  TOO_LARGE: 1009;
  TRY_AGAIN_LATER: 1013;
  HEARTBEAT_TIMEOUT: 4000;
}>;
export declare const DEFAULTS: Readonly<{
  socketPath: string;
  requestTimeout: number;
  connectTimeout: number;
  backoffBase: number;
  backoffCap: number;
  maxQueue: number;
  heartbeatInterval: number;
  fallbackAfter: number;
  probeInterval: number;
  pollTimeout: number;
  presenceHeartbeat: number;
  tokenRefreshMargin: number;
}>;
