package io.syncline.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.syncline.ops.metrics.Metrics;
import io.syncline.ops.metrics.TokenFailures;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Verifies the JSON Web Tokens of every path in (header, query, subprotocol, {@code auth} frame)
 * with Nimbus JOSE+JWT: an allowed algorithm, a signature by a trusted key (docs/security.md), the
 * exact issuer, an accepted audience, expiry, not-before and issue time with clock skew; the user
 * id by MP-JWT's rules ({@code upn}, {@code preferred_username}, {@code sub}).
 */
@ApplicationScoped
public class TokenVerifier {

  private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());
  private static final Set<JWSAlgorithm> HMAC = JWSAlgorithm.Family.HMAC_SHA;
  private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES =
      new DefaultJOSEObjectTypeVerifier<>(
          JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("JWT"), null);

  @Inject private AuthSettings settings;
  @Inject private DevTokens devTokens;

  private volatile DefaultJWTProcessor<SecurityContext> provider;
  private volatile DefaultJWTProcessor<SecurityContext> development;

  protected TokenVerifier() {}

  /** A verifier with fixed settings, for code that runs without CDI. */
  TokenVerifier(AuthSettings settings, DevTokens devTokens) {
    this.settings = settings;
    this.devTokens = devTokens;
  }

  /**
   * The caller a token stands for.
   *
   * @throws ProtocolException {@code unauthenticated}, saying what is wrong with the token
   */
  public Caller verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token == null ? "" : token.trim());
    } catch (ParseException e) {
      throw refused("the token is not a signed JWT");
    }
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    boolean dev = settings.devMode() && DevTokens.KID.equals(jwt.getHeader().getKeyID());
    if (!dev && !accepted().contains(algorithm)) {
      throw refused("tokens signed with " + algorithm + " are not accepted");
    }
    JWTClaimsSet claims;
    try {
      claims = (dev ? development() : provider()).process(jwt, null);
    } catch (BadJWTException e) {
      throw refused(claimsProblem(e.getMessage()));
    } catch (KeySourceException e) {
      LOG.log(Level.WARNING, "Cannot get the keys to verify tokens with", e);
      throw refused("the token's keys cannot be fetched from the identity provider");
    } catch (BadJOSEException | JOSEException e) {
      throw refused("the token's signature does not verify");
    }
    checkAge(claims);
    String user =
        firstString(claims, "upn", "preferred_username", "sub")
            .orElseThrow(() -> refused("the token names no user"));
    return new Caller(
        user, roles(claims), claims.getExpirationTime().toInstant(), string(claims, "email"));
  }

  /** The algorithms tokens may be signed with: the configured list, HMAC only with a secret. */
  private Set<JWSAlgorithm> accepted() {
    Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
    for (String name : settings.algorithms()) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
      if (!HMAC.contains(algorithm) || settings.hmacSecret().isPresent()) {
        accepted.add(algorithm);
      }
    }
    if (settings.hmacSecret().isPresent()) {
      accepted.addAll(HMAC);
    }
    return accepted;
  }

  private DefaultJWTProcessor<SecurityContext> provider() {
    DefaultJWTProcessor<SecurityContext> current = provider;
    if (current == null) {
      synchronized (this) {
        if (provider == null) {
          provider =
              processor(
                  VerificationKeys.of(settings),
                  accepted(),
                  settings.issuer().orElse(null),
                  settings.audiences());
        }
        current = provider;
      }
    }
    return current;
  }

  private DefaultJWTProcessor<SecurityContext> development() {
    DefaultJWTProcessor<SecurityContext> current = development;
    if (current == null) {
      synchronized (this) {
        if (development == null) {
          development =
              processor(devTokens.keys(), Set.of(JWSAlgorithm.RS256), DevTokens.ISSUER, Set.of());
        }
        current = development;
      }
    }
    return current;
  }

  private DefaultJWTProcessor<SecurityContext> processor(
      JWKSource<SecurityContext> keys,
      Set<JWSAlgorithm> algorithms,
      String issuer,
      Set<String> audiences) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(TYPES);
    processor.setJWSKeySelector(new AnyKeyIdSelector(algorithms, keys));
    // No configured issuer trusts none: a token's iss must equal it exactly.
    JWTClaimsSet exact =
        new JWTClaimsSet.Builder()
            .issuer(issuer == null ? "(no issuer is trusted)" : issuer)
            .build();
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            audiences.isEmpty() ? null : audiences, exact, Set.of("exp"), null);
    verifier.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkewSeconds()));
    processor.setJWTClaimsSetVerifier(verifier);
    return processor;
  }

  /** Issued in the future (beyond the skew), or longer ago than the configured maximum age. */
  private void checkAge(JWTClaimsSet claims) {
    Date issued = claims.getIssueTime();
    if (issued == null) {
      return;
    }
    Instant now = Instant.now();
    Duration skew = Duration.ofSeconds(settings.clockSkewSeconds());
    if (issued.toInstant().isAfter(now.plus(skew))) {
      throw refused("the token was issued in the future");
    }
    Optional<Long> maxAge = settings.maxTokenAgeSeconds();
    if (maxAge.isPresent()
        && issued.toInstant().plusSeconds(maxAge.get()).isBefore(now.minus(skew))) {
      throw refused("the token is older than " + maxAge.get() + " s");
    }
  }

  /** Nimbus's reason, in the words the rest of the API uses. */
  private static String claimsProblem(String message) {
    String reason = message == null ? "" : message;
    if (reason.contains("missing required claims")) {
      return "the token lacks required claims: " + reason.replaceFirst(".*claims: ", "");
    }
    if (reason.contains("Expired")) {
      return "the token has expired";
    }
    if (reason.contains("before use time")) {
      return "the token is not valid yet";
    }
    if (reason.contains("audience") || reason.contains("aud claim")) {
      return "the token is not meant for this service (audience)";
    }
    if (reason.contains("iss claim")) {
      return "the token's issuer is not trusted";
    }
    return "the token's claims are not accepted: " + reason;
  }

  private Set<String> roles(JWTClaimsSet claims) {
    Object value = claims.getClaims();
    for (String step : settings.rolesClaim().split("\\.")) {
      value = value instanceof Map<?, ?> object ? object.get(step) : null;
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .collect(Collectors.toUnmodifiableSet());
    }
    if (value instanceof String names) {
      return Arrays.stream(names.split("[ ,]+"))
          .filter(name -> !name.isEmpty())
          .collect(Collectors.toUnmodifiableSet());
    }
    return Set.of();
  }

  private static Optional<String> firstString(JWTClaimsSet claims, String... names) {
    for (String name : names) {
      String value = string(claims, name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static String string(JWTClaimsSet claims, String name) {
    return claims.getClaim(name) instanceof String value ? value : null;
  }

  private static ProtocolException refused(String reason) {
    Metrics.TOKEN_FAILURES.inc(TokenFailures.reason(reason));
    return new ProtocolException(ErrorCode.UNAUTHENTICATED, reason);
  }
}
