package io.syncline.bench.server;

import java.nio.file.Path;

/**
 * Where everything the suite starts lives, and the cores it runs on; {@code wildfly} is an unpacked
 * WildFly (the part {@code wildfly} needs it).
 */
public record Env(
    Path war,
    Path payara,
    Path wildfly,
    Path serverConfig,
    Path peers,
    Path workDir,
    String classpath,
    Cores cores) {}
