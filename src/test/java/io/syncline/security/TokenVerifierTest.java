package io.syncline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verifier's rules, without a server: algorithms, keys, issuer, audience and times. */
class TokenVerifierTest {

  private static final String ISSUER = "https://idp.example.test/realms/syncline";
  private static final String SECRET = "a shared secret of at least 256 bits, for HS256 tokens!";
  private static final RSAKey RSA = generateRsa("rsa-1");
  private static final RSAKey OTHER_RSA = generateRsa("rsa-1");
  private static final ECKey EC = generateEc();

  private static AuthSettings settings(Map<String, String> overrides) {
    AuthSettings settings = new AuthSettings();
    settings.required = true;
    settings.rolesClaim = overrides.getOrDefault("roles-claim", "groups");
    settings.authTimeoutMs = 5000;
    settings.devMode = false;
    settings.publicKey =
        Optional.of(
            overrides.getOrDefault(
                "publickey", new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString()));
    settings.publicKeyLocation = Optional.empty();
    settings.issuer = Optional.of(ISSUER);
    settings.clockSkewSeconds = 60;
    settings.audiences = Optional.ofNullable(overrides.get("audiences"));
    settings.maxTokenAgeSeconds = Optional.empty();
    settings.keyAlgorithm = Optional.empty();
    settings.algorithms = "RS256,RS384,RS512,PS256,ES256";
    settings.hmacSecret = Optional.ofNullable(overrides.get("hmac"));
    settings.oidcDiscovery = false;
    settings.jwksCacheTtlMs = 300_000;
    settings.jwksRefreshMinIntervalMs = 30_000;
    settings.jwksOutageToleranceMs = 3_600_000;
    return settings;
  }

  private static TokenVerifier verifier(Map<String, String> overrides) {
    return new TokenVerifier(settings(overrides), null);
  }

  private static JWTClaimsSet.Builder claims(Duration expiresIn) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("u-1")
        .claim("preferred_username", "ada")
        .claim("groups", List.of("user", "editor"))
        .claim("email", "ada@example.test")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(expiresIn)));
  }

  private static String sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid(algorithm)).build(),
            claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static String kid(JWSAlgorithm algorithm) {
    if (JWSAlgorithm.Family.EC.contains(algorithm)) {
      return "ec-1";
    }
    return JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) ? null : "rsa-1";
  }

  private static String rs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, rsaSigner(RSA), claims);
  }

  private static String refusal(TokenVerifier verifier, String token) {
    ProtocolException refused = assertThrows(ProtocolException.class, () -> verifier.verify(token));
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
    return refused.getMessage();
  }

  @Test
  void aTokenFromTheTrustedProviderNamesTheUserTheirRolesAndExpiry() {
    JWTClaimsSet claims = claims(Duration.ofMinutes(5)).build();
    Caller caller = verifier(Map.of()).verify(rs256(claims));
    assertEquals("ada", caller.userId());
    assertEquals(Set.of("user", "editor"), caller.roles());
    assertEquals("ada@example.test", caller.email());
    assertEquals(
        claims.getExpirationTime().toInstant().truncatedTo(ChronoUnit.SECONDS), caller.expiresAt());
  }

  @Test
  void rsaPssAndEllipticCurveSignaturesAreAccepted() {
    TokenVerifier verifier = verifier(Map.of());
    JWTClaimsSet claims = claims(Duration.ofMinutes(5)).build();
    assertEquals("ada", verifier.verify(sign(JWSAlgorithm.PS256, rsaSigner(RSA), claims)).userId());
    assertEquals("ada", verifier.verify(sign(JWSAlgorithm.RS512, rsaSigner(RSA), claims)).userId());
    assertEquals("ada", verifier.verify(sign(JWSAlgorithm.ES256, ecSigner(), claims)).userId());
  }

  @Test
  void unsignedAndSharedSecretTokensAreRefusedUnlessASecretIsConfigured() {
    JWTClaimsSet claims = claims(Duration.ofMinutes(5)).build();
    String plain = new PlainJWT(new PlainHeader(), claims).serialize();
    assertTrue(refusal(verifier(Map.of()), plain).contains("not a signed JWT"));
    String hs256 = sign(JWSAlgorithm.HS256, macSigner(), claims);
    assertTrue(refusal(verifier(Map.of()), hs256).contains("HS256"));
    assertEquals("ada", verifier(Map.of("hmac", SECRET)).verify(hs256).userId());
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    String forged =
        sign(JWSAlgorithm.RS256, rsaSigner(OTHER_RSA), claims(Duration.ofMinutes(5)).build());
    assertEquals("the token's signature does not verify", refusal(verifier(Map.of()), forged));
  }

  @Test
  void theIssuerMustMatchExactly() {
    String token = rs256(claims(Duration.ofMinutes(5)).issuer(ISSUER + "/").build());
    assertEquals("the token's issuer is not trusted", refusal(verifier(Map.of()), token));
  }

  @Test
  void aTokenForAnotherAudienceIsRefusedWhenAudiencesAreConfigured() {
    TokenVerifier verifier = verifier(Map.of("audiences", "syncline-api, portal"));
    assertTrue(
        refusal(verifier, rs256(claims(Duration.ofMinutes(5)).audience("billing").build()))
            .contains("audience"));
    assertTrue(refusal(verifier, rs256(claims(Duration.ofMinutes(5)).build())).contains("aud"));
    assertEquals(
        "ada",
        verifier
            .verify(rs256(claims(Duration.ofMinutes(5)).audience(List.of("x", "portal")).build()))
            .userId());
  }

  @Test
  void expiryNotBeforeAndIssueTimeAllowTheClockSkewAndNoMore() {
    TokenVerifier verifier = verifier(Map.of());
    assertEquals(
        "the token has expired", refusal(verifier, rs256(claims(Duration.ofSeconds(-90)).build())));
    assertEquals("ada", verifier.verify(rs256(claims(Duration.ofSeconds(-30)).build())).userId());
    Date inTwoMinutes = Date.from(Instant.now().plusSeconds(120));
    assertEquals(
        "the token is not valid yet",
        refusal(
            verifier, rs256(claims(Duration.ofMinutes(5)).notBeforeTime(inTwoMinutes).build())));
    assertEquals(
        "the token was issued in the future",
        refusal(verifier, rs256(claims(Duration.ofMinutes(5)).issueTime(inTwoMinutes).build())));
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    JWTClaimsSet noExpiry =
        new JWTClaimsSet.Builder().issuer(ISSUER).subject("ada").issueTime(new Date()).build();
    assertTrue(refusal(verifier(Map.of()), rs256(noExpiry)).contains("exp"));
  }

  @Test
  void rolesAreReadFromANestedClaimWhenConfigured() {
    JWTClaimsSet claims =
        claims(Duration.ofMinutes(5))
            .claim("realm_access", Map.of("roles", List.of("admin", "user")))
            .build();
    assertEquals(
        Set.of("admin", "user"),
        verifier(Map.of("roles-claim", "realm_access.roles")).verify(rs256(claims)).roles());
  }

  @Test
  void aPemPublicKeyIsAcceptedAsTheInlineKey() throws JOSEException {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(RSA.toPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----";
    assertEquals(
        "ada",
        verifier(Map.of("publickey", pem))
            .verify(rs256(claims(Duration.ofMinutes(5)).build()))
            .userId());
  }

  private static RSASSASigner rsaSigner(RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECDSASigner ecSigner() {
    try {
      return new ECDSASigner(EC);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MACSigner macSigner() {
    try {
      return new MACSigner(SECRET);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey generateRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey generateEc() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
