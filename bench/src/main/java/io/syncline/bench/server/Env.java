package io.syncline.bench.server;

import java.nio.file.Path;

/** Where everything the suite starts lives, and the cores it runs on. */
public record Env(
    Path war,
    Path payara,
    Path serverConfig,
    Path peers,
    Path workDir,
    String classpath,
    Cores cores) {}
