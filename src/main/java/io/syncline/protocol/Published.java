package io.syncline.protocol;

import jakarta.json.JsonValue;

/**
 * A message published by a back-end service. Its {@code type} is the publisher's, and its payload
 * is sent exactly as given.
 */
@MessageType("published")
public record Published(String type, JsonValue payload) implements ServerMessage, RawPayload {}
