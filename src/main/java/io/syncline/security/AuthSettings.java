package io.syncline.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
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
}
