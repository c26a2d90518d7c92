package io.syncline.testing;

import static io.syncline.testing.Frames.object;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * RS256 tokens the tests sign, as an identity provider would. The suite servers trust {@link
 * #PUBLIC_KEY} and {@link #ISSUER}; other keys and issuers stand for forgeries.
 */
public final class TestTokens {

  public static final String ISSUER = "https://idp.syncline.test/realms/test";
  private static final KeyPair TRUSTED = generate();
  private static final KeyPair FORGED = generate();

  /** The trusted public key, base64 DER, as {@code mp.jwt.verify.publickey} takes it. */
  public static final String PUBLIC_KEY =
      Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded());

  /** The identity the tests act as unless they say otherwise: may read, write and publish. */
  public static final String TESTER = token("tester", "user", "service");

  private TestTokens() {}

  /** A valid token for {@code user} with {@code roles}, for an hour. */
  public static String token(String user, String... roles) {
    return sign(TRUSTED.getPrivate(), ISSUER, user, Duration.ofHours(1), roles);
  }

  /** A token valid for {@code ttl} (negative: already expired). */
  public static String expiring(String user, Duration ttl, String... roles) {
    return sign(TRUSTED.getPrivate(), ISSUER, user, ttl, roles);
  }

  public static String wrongKey(String user) {
    return sign(FORGED.getPrivate(), ISSUER, user, Duration.ofHours(1), "user");
  }

  public static String wrongIssuer(String user) {
    return sign(TRUSTED.getPrivate(), "https://evil.test", user, Duration.ofHours(1), "user");
  }

  private static String sign(
      PrivateKey key, String issuer, String user, Duration ttl, String... roles) {
    long now = Instant.now().getEpochSecond();
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("iss", issuer)
            .add("sub", user)
            .add("upn", user)
            .add("email", user + "@example.test")
            .add("iat", now)
            .add("exp", now + ttl.toSeconds())
            .add("groups", Json.createArrayBuilder(java.util.List.of(roles)));
    String header = base64(object("alg", "RS256", "typ", "JWT").toString());
    String body = base64(claims.build().toString());
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
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

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
