package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Set;

/**
 * The token was accepted: who the connection now acts as, and until when ({@code expiresAt} is
 * written as null for a token without an expiry: the contract lists the field).
 */
@JsonbNillable
@MessageType("auth:ok")
public record AuthOk(String userId, Set<String> roles, Instant expiresAt)
    implements ServerMessage {}
