package io.syncline.protocol;

/** The WebSocket close codes the server uses, and what each tells the client to do. */
public enum CloseCode {
  /** Orderly close. */
  NORMAL(1000),
  /** The server is shutting down; reconnect (to another node) and resume. */
  GOING_AWAY(1001),
  /** Authentication failed or expired, or sustained abuse; do not retry without new credentials. */
  POLICY_VIOLATION(1008),
  /** A frame over the size limit; do not resend it. */
  TOO_LARGE(1009),
  /** A send to the socket failed; reconnect and resume with sync. */
  INTERNAL_ERROR(1011),
  /** The connection fell too far behind (its send queue filled); reconnect and resume with sync. */
  SLOW_CONSUMER(1013),
  /** Nothing was received for twice the heartbeat interval; reconnect and resume with sync. */
  HEARTBEAT_TIMEOUT(4000);

  private final int code;

  CloseCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
