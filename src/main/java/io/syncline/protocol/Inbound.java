package io.syncline.protocol;

/**
 * A decoded client frame: the message, its request ids, and the client's timestamp (epoch ms, read
 * from ISO-8601 or epoch ms; null when absent).
 */
public record Inbound(ClientMessage message, RequestIds ids, Long timestamp) {}
