package io.syncline.channel;

/** The answer to a publish: how many connections the message was queued for. */
public record PublishResult(String channel, String type, int delivered) {}
