package io.syncline.protocol;

import jakarta.json.JsonObject;

/**
 * One version of an app's schema: pushed to {@code schema:{app}} after it commits, and the answer
 * to {@code schema:get}. {@code schemaType} is {@code table}, {@code array} or {@code record}.
 */
@MessageType("schema:update")
public record SchemaUpdate(String app, long version, String schemaType, JsonObject schema)
    implements ServerMessage {}
