package io.syncline.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncline.cluster.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Development mode only: the server makes its own signing key at start and mints tokens for demo
 * users, so the demo runs without an identity provider. Anyone who can reach the server can then be
 * anyone: it is off unless {@code syncline.auth.dev-mode=true}. In a cluster the first node to need
 * the key makes it and shares it (a cluster map), so a token minted on one node verifies on all.
 */
@ApplicationScoped
public class DevTokens {

  static final String KID = "syncline-dev";
  static final String ISSUER = "syncline-dev";
  private static final Logger LOG = Logger.getLogger(DevTokens.class.getName());

  @Inject private AuthSettings settings;
  @Inject private Cluster cluster;
  private RSAKey key;

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

  /** The public half of the development key, to verify the tokens it signed. */
  synchronized JWKSource<SecurityContext> keys() {
    return new ImmutableJWKSet<>(new JWKSet(key().toPublicJWK()));
  }

  /** A signed token for {@code user} with {@code roles}, valid for {@code ttl}. */
  public synchronized String mint(String user, Set<String> roles, String email, Duration ttl) {
    if (!settings.devMode()) {
      throw new IllegalStateException("development mode is off");
    }
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(user)
            .claim("upn", user)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim(
                settings.rolesClaim().contains(".") ? "groups" : settings.rolesClaim(),
                List.copyOf(roles));
    if (email != null) {
      claims.claim("email", email);
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(KID).build(),
            claims.build());
    try {
      jwt.sign(new RSASSASigner(key()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private RSAKey key() {
    if (key == null) {
      try {
        RSAKey made = new RSAKeyGenerator(2048).keyID(KID).generate();
        String shared =
            cluster == null
                ? null
                : cluster.map("dev-mode").putIfAbsent("signing-key", made.toJSONString());
        key = shared == null ? made : RSAKey.parse(shared);
      } catch (JOSEException | ParseException e) {
        throw new IllegalStateException(e);
      }
    }
    return key;
  }
}
