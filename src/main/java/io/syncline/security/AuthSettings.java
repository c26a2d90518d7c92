package io.syncline.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How callers are authenticated. Keys and issuer use MicroProfile JWT's property names, so an
 * identity provider is wired the same way as for any MP-JWT application.
 */
@ApplicationScoped
public class AuthSettings {

  @Inject
  @ConfigProperty(name = "syncline.auth.required", defaultValue = "true")
  boolean required;

  @Inject
  @ConfigProperty(name = "syncline.auth.roles-claim", defaultValue = "groups")
  String rolesClaim;

  @Inject
  @ConfigProperty(name = "syncline.auth.timeout-ms", defaultValue = "5000")
  long authTimeoutMs;

  @Inject
  @ConfigProperty(name = "syncline.auth.dev-mode", defaultValue = "false")
  boolean devMode;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey")
  Optional<String> publicKey;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey.location")
  Optional<String> publicKeyLocation;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  Optional<String> issuer;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  long clockSkewSeconds;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.audiences")
  Optional<String> audiences;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.token.age")
  Optional<Long> maxTokenAgeSeconds;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey.algorithm")
  Optional<String> keyAlgorithm;

  @Inject
  @ConfigProperty(name = "syncline.auth.algorithms", defaultValue = "RS256,RS384,RS512,PS256,ES256")
  String algorithms;

  @Inject
  @ConfigProperty(name = "syncline.auth.hmac-secret")
  Optional<String> hmacSecret;

  @Inject
  @ConfigProperty(name = "syncline.auth.oidc-discovery", defaultValue = "true")
  boolean oidcDiscovery;

  @Inject
  @ConfigProperty(name = "syncline.auth.jwks.cache-ttl-ms", defaultValue = "300000")
  long jwksCacheTtlMs;

  @Inject
  @ConfigProperty(name = "syncline.auth.jwks.refresh-min-interval-ms", defaultValue = "30000")
  long jwksRefreshMinIntervalMs;

  @Inject
  @ConfigProperty(name = "syncline.auth.jwks.outage-tolerance-ms", defaultValue = "3600000")
  long jwksOutageToleranceMs;

  /** Whether every socket and REST call needs a valid token. */
  public boolean required() {
    return required;
  }

  /** The claim holding the roles; a dotted path (e.g. {@code realm_access.roles}) is followed. */
  public String rolesClaim() {
    return rolesClaim;
  }

  /** How long a socket opened without a token may wait before its {@code auth} frame. */
  public long authTimeoutMs() {
    return authTimeoutMs;
  }

  /** Development mode: the server mints tokens for demo users. Never in production. */
  public boolean devMode() {
    return devMode;
  }

  public Optional<String> publicKey() {
    return publicKey.filter(value -> !value.isBlank());
  }

  public Optional<String> publicKeyLocation() {
    return publicKeyLocation.filter(value -> !value.isBlank());
  }

  public Optional<String> issuer() {
    return issuer.filter(value -> !value.isBlank());
  }

  public long clockSkewSeconds() {
    return clockSkewSeconds;
  }

  /** The audiences a token must name one of ({@code aud}); none configured: not checked. */
  public Set<String> audiences() {
    return list(audiences.orElse(""));
  }

  /** The oldest a token may be, by its {@code iat}; empty: any age. */
  public Optional<Long> maxTokenAgeSeconds() {
    return maxTokenAgeSeconds;
  }

  /**
   * The signature algorithms accepted: {@code mp.jwt.verify.publickey.algorithm} if set, else
   * {@code syncline.auth.algorithms}; HMAC ones only with a shared secret, {@code none} never.
   */
  public Set<String> algorithms() {
    return list(keyAlgorithm.filter(value -> !value.isBlank()).orElse(algorithms));
  }

  /** A shared secret for HS256/384/512 tokens, if the provider signs with one. */
  public Optional<String> hmacSecret() {
    return hmacSecret.filter(value -> !value.isBlank());
  }

  /** Whether to find the JWKS from the issuer's OpenID Connect discovery document. */
  public boolean oidcDiscovery() {
    return oidcDiscovery;
  }

  /** How long fetched keys are kept before they are fetched again. */
  public long jwksCacheTtlMs() {
    return jwksCacheTtlMs;
  }

  /** The least time between two fetches of the JWKS, e.g. for tokens with an unknown key id. */
  public long jwksRefreshMinIntervalMs() {
    return jwksRefreshMinIntervalMs;
  }

  /** How long the last keys fetched stay in use while the JWKS cannot be reached. */
  public long jwksOutageToleranceMs() {
    return jwksOutageToleranceMs;
  }

  private static Set<String> list(String values) {
    return Arrays.stream(values.split(","))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
