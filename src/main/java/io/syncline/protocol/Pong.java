package io.syncline.protocol;

/** The answer to {@link Ping}; {@code latency} is server time minus the ping's timestamp, in ms. */
@MessageType("pong")
public record Pong(Long sequenceNumber, Long latency) implements ServerMessage {}
