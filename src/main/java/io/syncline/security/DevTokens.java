package io.syncline.security;

import io.syncline.protocol.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Development mode only: the server makes its own signing key at start and mints tokens for demo
 * users, so the demo runs without an identity provider. Anyone who can reach the server can then be
 * anyone: it is off unless {@code syncline.auth.dev-mode=true}.
 */
@ApplicationScoped
public class DevTokens {

  static final String KID = "syncline-dev";
  static final String ISSUER = "syncline-dev";
  private static final Logger LOG = Logger.getLogger(DevTokens.class.getName());

  @Inject private AuthSettings settings;
  private KeyPair keys;

  void warn(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    if (settings.devMode()) {
      LOG.severe(
          "\n*************************************************************************\n"
              + " SYNCLINE DEVELOPMENT MODE IS ON: POST /api/dev/tokens mints a token for\n"
              + " any user with any roles. Never run like this outside a demo: set\n"
              + " syncline.auth.dev-mode=false and configure mp.jwt.verify.* instead.\n"
              + "*************************************************************************");
    }
  }

  public boolean enabled() {
    return settings.devMode();
  }

  synchronized PublicKey publicKey() {
    return keyPair().getPublic();
  }

  /** A signed token for {@code user} with {@code roles}, valid for {@code ttl}. */
  public synchronized String mint(String user, Set<String> roles, String email, Duration ttl) {
    if (!settings.devMode()) {
      throw new IllegalStateException("development mode is off");
    }
    long now = Instant.now().getEpochSecond();
    var claims =
        JsonFactory.JSON
            .createObjectBuilder()
            .add("iss", ISSUER)
            .add("sub", user)
            .add("upn", user)
            .add("iat", now)
            .add("exp", now + ttl.toSeconds())
            .add(
                settings.rolesClaim().contains(".") ? "groups" : settings.rolesClaim(),
                JsonFactory.JSON.createArrayBuilder(roles));
    if (email != null) {
      claims.add("email", email);
    }
    String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}");
    String body = base64(claims.build().toString());
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(keyPair().getPrivate());
      signature.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
      return header
          + "."
          + body
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyPair keyPair() {
    if (keys == null) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return keys;
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
