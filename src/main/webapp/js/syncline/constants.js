/** Connection states, close codes and defaults shared by the client's modules. */

/** The states a client moves through; `client.state.value` is one of these strings. */
export const State = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  RECONNECTING: 'reconnecting',
  CLOSED: 'closed',
});

/** The transports a client can be on; `client.transport.value` is one of these strings. */
export const Transport = Object.freeze({
  WEBSOCKET: 'websocket',
  LONG_POLL: 'longpoll',
});

/** WebSocket close codes the server uses (docs/protocol.md, "Close codes"). */
export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY: 1008,
  TOO_LARGE: 1009,
  INTERNAL_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
  HEARTBEAT_TIMEOUT: 4000,
});

export const DEFAULTS = Object.freeze({
  socketPath: '/api/ws',
  requestTimeout: 10000,
  connectTimeout: 10000,
  backoffBase: 500,
  backoffCap: 30000,
  maxQueue: 200,
  heartbeatInterval: 25000,
  fallbackAfter: 2,
  probeInterval: 15000,
  pollTimeout: 25000,
  presenceHeartbeat: 10000,
  tokenRefreshMargin: 30000,
});
