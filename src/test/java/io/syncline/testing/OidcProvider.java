package io.syncline.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenID Connect provider on 127.0.0.1 (NAV's mock-oauth2-server: discovery document, JWKS,
 * signed tokens) whose signing key can be rotated, and a suite server that trusts it through
 * discovery alone. Use with {@code @ExtendWith(OidcProvider.class)}.
 */
public final class OidcProvider implements BeforeAllCallback {

  /** The audience Syncline accepts; tokens for others are refused. */
  public static final String AUDIENCE = "syncline-api";

  private static final String ISSUER_ID = "syncline";
  private static volatile Running running;

  /** The provider (replaced when it comes back from an outage) and the server that trusts it. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final RotatingKeys keys;
    private final int port;
    private volatile MockOAuth2Server provider;
    private ServerProcess server;

    Running(RotatingKeys keys, int port) {
      this.keys = keys;
      this.port = port;
      this.provider = startProvider(keys, port);
    }

    @Override
    public void close() {
      server.close();
      provider.shutdown();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(OidcProvider.class, key -> start(), Running.class);
  }

  private static MockOAuth2Server startProvider(RotatingKeys keys, int port) {
    MockOAuth2Server provider =
        new MockOAuth2Server(
            new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
    try {
      provider.start(InetAddress.getByName("127.0.0.1"), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return provider;
  }

  private static Running start() {
    Running running = new Running(new RotatingKeys(), AppServer.freePort());
    running.server =
        SuiteServer.start(
            "oidc",
            Database.H2_MEMORY,
            SuiteServer.merge(
                SuiteServer.GENEROUS_LIMITS,
                Map.of(
                    "mp.jwt.verify.publickey",
                    "",
                    "mp.jwt.verify.issuer",
                    running.provider.issuerUrl(ISSUER_ID).toString(),
                    "mp.jwt.verify.audiences",
                    AUDIENCE,
                    "syncline.auth.jwks.refresh-min-interval-ms",
                    "1000")));
    return running;
  }

  /** The server that trusts the provider. */
  public static ServerProcess server() {
    return running.server;
  }

  /** A token the provider issues now for {@code user}, for {@code audience}, valid for seconds. */
  public static String token(String user, String audience, long expiresInSeconds, String... roles) {
    return running
        .provider
        .issueToken(
            ISSUER_ID,
            "subject-" + user,
            audience,
            Map.of("preferred_username", user, "groups", List.of(roles)),
            expiresInSeconds)
        .serialize();
  }

  /** A valid token for Syncline's audience. */
  public static String token(String user, String... roles) {
    return token(user, AUDIENCE, 3600, roles);
  }

  /** From now on the provider signs with a new key and its JWKS lists only that one. */
  public static String rotateKey() {
    return running.keys.rotate();
  }

  /**
   * Runs {@code during} while the provider is down (its port closed), then starts it again on the
   * same address with the same keys.
   */
  public static void outage(Runnable during) {
    running.provider.shutdown();
    try {
      during.run();
    } finally {
      running.provider = startProvider(running.keys, running.port);
    }
  }

  /** The provider's keys: one current RSA key, replaced on {@link #rotate()}. */
  private static final class RotatingKeys extends KeyProvider {
    private final AtomicInteger generation = new AtomicInteger();
    private volatile RSAKey current = generate();

    RotatingKeys() {
      super(List.of(), "RS256");
    }

    @Override
    public JWK signingKey(String issuerId) {
      return current;
    }

    String rotate() {
      current = generate();
      return current.getKeyID();
    }

    private RSAKey generate() {
      try {
        return new RSAKeyGenerator(2048).keyID("key-" + generation.incrementAndGet()).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
