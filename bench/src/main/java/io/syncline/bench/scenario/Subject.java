package io.syncline.bench.scenario;

import io.syncline.bench.client.Protocol;
import io.syncline.bench.server.ServerProcess;

/** A server under test and how its subscribers and publishers speak to it. */
public record Subject(
    String name, ServerProcess server, Protocol subscriber, Protocol publisher, String token) {}
