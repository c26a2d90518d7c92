package io.syncline.protocol;

/** The answer to an {@link AuthzCheck}: whether it would be allowed, and if not, why. */
@MessageType("authz:result")
public record AuthzResult(String resource, String action, boolean allowed, String reason)
    implements ServerMessage {}
