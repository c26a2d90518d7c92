package io.syncline.security;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies RS256 JSON Web Tokens: signature (a configured key, the provider's JWKS, or in
 * development mode the server's own key), issuer, expiry and not-before, with MP-JWT's rules for
 * the user id ({@code upn}, {@code preferred_username}, {@code sub}). The one verifier for every
 * path a token comes in by.
 */
@ApplicationScoped
public class TokenVerifier {

  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
  private static final Duration REFETCH_AFTER = Duration.ofSeconds(60);

  @Inject private AuthSettings settings;
  @Inject private DevTokens devTokens;

  private volatile Map<String, PublicKey> keys;
  private volatile Instant fetchedAt = Instant.EPOCH;

  /**
   * The caller a token stands for.
   *
   * @throws ProtocolException {@code unauthenticated}, saying what is wrong with the token
   */
  public Caller verify(String token) {
    String[] parts = token == null ? new String[0] : token.trim().split("\\.", -1);
    if (parts.length != 3) {
      throw refused("the token is not a JWT");
    }
    JsonObject header = json(parts[0]);
    JsonObject claims = json(parts[1]);
    if (!"RS256".equals(header.getString("alg", ""))) {
      throw refused("only RS256 tokens are accepted");
    }
    String kid = header.getString("kid", PublicKeys.NO_KID);
    boolean dev = settings.devMode() && DevTokens.KID.equals(kid);
    PublicKey key = dev ? devTokens.publicKey() : key(kid);
    if (key == null || !signed(parts, key)) {
      throw refused("the token's signature does not verify");
    }
    String issuer = dev ? DevTokens.ISSUER : settings.issuer().orElse(null);
    if (issuer == null || !issuer.equals(claims.getString("iss", null))) {
      throw refused("the token's issuer is not trusted");
    }
    Instant now = Instant.now();
    Duration skew = Duration.ofSeconds(settings.clockSkewSeconds());
    Instant expires = instant(claims, "exp");
    if (expires == null || !now.minus(skew).isBefore(expires)) {
      throw refused("the token has expired");
    }
    Instant notBefore = instant(claims, "nbf");
    if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
      throw refused("the token is not valid yet");
    }
    String user =
        firstString(claims, "upn", "preferred_username", "sub")
            .orElseThrow(() -> refused("the token names no user"));
    return new Caller(user, roles(claims), expires, claims.getString("email", null));
  }

  private PublicKey key(String kid) {
    Map<String, PublicKey> known = keys();
    PublicKey key = known.get(kid);
    if (key == null && kid.equals(PublicKeys.NO_KID) && known.size() == 1) {
      key = known.values().iterator().next();
    }
    if (key == null
        && settings.publicKeyLocation().isPresent()
        && Instant.now().isAfter(fetchedAt.plus(REFETCH_AFTER))) {
      keys = null; // the provider may have rotated its keys
      key = keys().get(kid);
    }
    return key;
  }

  private Map<String, PublicKey> keys() {
    Map<String, PublicKey> current = keys;
    if (current == null) {
      Map<String, PublicKey> loaded = new HashMap<>();
      try {
        settings.publicKey().ifPresent(inline -> loaded.putAll(PublicKeys.parse(inline)));
        settings.publicKeyLocation().ifPresent(where -> loaded.putAll(PublicKeys.load(where)));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Cannot load the token verification keys", e);
      }
      fetchedAt = Instant.now();
      current = Map.copyOf(loaded);
      keys = current;
    }
    return current;
  }

  private static boolean signed(String[] parts, PublicKey key) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private Set<String> roles(JsonObject claims) {
    JsonValue value = claims;
    for (String step : settings.rolesClaim().split("\\.")) {
      value = value instanceof JsonObject object ? object.get(step) : null;
    }
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof JsonArray array) {
      array.forEach(
          role -> {
            if (role instanceof JsonString name) {
              roles.add(name.getString());
            }
          });
    } else if (value instanceof JsonString names) {
      roles.addAll(Set.of(names.getString().split("[ ,]+")));
    }
    return Set.copyOf(roles);
  }

  private static java.util.Optional<String> firstString(JsonObject claims, String... names) {
    for (String name : names) {
      if (claims.get(name) instanceof JsonString value && !value.getString().isBlank()) {
        return java.util.Optional.of(value.getString());
      }
    }
    return java.util.Optional.empty();
  }

  private static Instant instant(JsonObject claims, String name) {
    return claims.get(name) instanceof JsonNumber seconds
        ? Instant.ofEpochSecond(seconds.longValue())
        : null;
  }

  private static JsonObject json(String part) {
    try {
      return JsonFactory.JSON
          .createReader(
              new StringReader(
                  new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)))
          .readObject();
    } catch (JsonException | IllegalArgumentException | ClassCastException e) {
      throw refused("the token is not a JWT");
    }
  }

  private static ProtocolException refused(String reason) {
    return new ProtocolException(ErrorCode.UNAUTHENTICATED, reason);
  }
}
