package io.syncline.protocol;

import java.time.Instant;
import java.util.Set;

/** The token was accepted: who the connection now acts as, and until when. */
@MessageType("auth:ok")
public record AuthOk(String userId, Set<String> roles, Instant expiresAt)
    implements ServerMessage {}
