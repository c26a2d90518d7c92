package io.syncline.protocol;

import java.time.Instant;

/**
 * A limit was hit: {@code limit} per {@code window}, {@code remaining} now, full again at {@code
 * resetAt}.
 */
@MessageType("rate-limit")
public record RateLimit(int limit, int remaining, Instant resetAt, String window)
    implements ServerMessage {}
