package io.syncline.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keys token signatures are checked with, as the operator configured them (docs/security.md):
 * an inline key ({@code mp.jwt.verify.publickey}: PEM, base64 DER, JWK or JWKS), a key location
 * ({@code mp.jwt.verify.publickey.location}: a JWKS URL, fetched and cached, or a file), or else
 * the issuer's JWKS found by OpenID Connect discovery; plus a shared secret for HMAC tokens.
 */
final class VerificationKeys {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 5_000;
  private static final int SIZE_LIMIT = 512 * 1024;

  private VerificationKeys() {}

  /** Every key the settings name; remote ones are fetched when first needed. */
  static JWKSource<SecurityContext> of(AuthSettings settings) {
    List<JWKSource<SecurityContext>> sources = new ArrayList<>();
    settings.publicKey().ifPresent(inline -> sources.add(new ImmutableJWKSet<>(parse(inline))));
    settings.publicKeyLocation().ifPresent(location -> sources.add(located(location, settings)));
    if (sources.isEmpty() && settings.oidcDiscovery() && settings.issuer().isPresent()) {
      sources.add(new DiscoveredJwks(settings.issuer().get(), settings));
    }
    settings
        .hmacSecret()
        .ifPresent(
            secret ->
                sources.add(
                    new ImmutableJWKSet<>(
                        new JWKSet(
                            new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8))
                                .build()))));
    return new Combined(List.copyOf(sources));
  }

  /** A JWKS URL, cached, refetched at most every so often, and kept in use through an outage. */
  static JWKSource<SecurityContext> remote(URL jwks, AuthSettings settings) {
    return JWKSourceBuilder.<SecurityContext>create(jwks, retriever())
        .cache(settings.jwksCacheTtlMs(), READ_TIMEOUT_MS + CONNECT_TIMEOUT_MS)
        .rateLimited(settings.jwksRefreshMinIntervalMs())
        .outageTolerant(settings.jwksOutageToleranceMs())
        .retrying(true)
        .build();
  }

  /** Fetches from the identity provider (discovery document, JWKS), each counted as a refresh. */
  static ResourceRetriever retriever() {
    ResourceRetriever http =
        new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT);
    return url -> {
      try {
        Resource resource = http.retrieveResource(url);
        Metrics.JWKS_REFRESHES.inc("ok");
        return resource;
      } catch (IOException | RuntimeException e) {
        Metrics.JWKS_REFRESHES.inc("failed");
        throw e;
      }
    };
  }

  private static JWKSource<SecurityContext> located(String location, AuthSettings settings) {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      return remote(url(location), settings);
    }
    Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    try {
      return new ImmutableJWKSet<>(parse(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the token keys at " + location, e);
    }
  }

  /** A PEM or base64 DER public key, a JWK, or a JWKS document. */
  static JWKSet parse(String text) {
    String key = text.trim();
    try {
      if (key.startsWith("{")) {
        return key.contains("\"keys\"") ? JWKSet.parse(key) : new JWKSet(JWK.parse(key));
      }
      if (key.startsWith("-----BEGIN")) {
        return new JWKSet(JWK.parseFromPEMEncodedObjects(key));
      }
      return new JWKSet(jwk(Base64.getMimeDecoder().decode(key)));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      throw new IllegalStateException("not a public key, JWK or JWKS", e);
    }
  }

  private static JWK jwk(byte[] der) {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    for (String type : List.of("RSA", "EC")) {
      try {
        PublicKey key = KeyFactory.getInstance(type).generatePublic(spec);
        return key instanceof RSAPublicKey rsa
            ? new RSAKey.Builder(rsa).build()
            : new ECKey.Builder(
                    Curve.forECParameterSpec(((ECPublicKey) key).getParams()), (ECPublicKey) key)
                .build();
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("not an RSA or EC public key");
  }

  static URL url(String location) {
    try {
      return URI.create(location).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException("not a URL: " + location, e);
    }
  }

  /** The keys of several sources together. */
  private record Combined(List<JWKSource<SecurityContext>> sources)
      implements JWKSource<SecurityContext> {
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
      List<JWK> keys = new ArrayList<>();
      for (JWKSource<SecurityContext> source : sources) {
        keys.addAll(source.get(selector, context));
      }
      return keys;
    }
  }

  /**
   * The issuer's JWKS, whose address its {@code /.well-known/openid-configuration} gives. The
   * document is read when a key is first needed (the provider may start after the server), and read
   * again, at most once per refresh interval, until that succeeds.
   */
  private static final class DiscoveredJwks implements JWKSource<SecurityContext> {
    private final String issuer;
    private final AuthSettings settings;
    private volatile JWKSource<SecurityContext> jwks;
    private long failedAt;

    DiscoveredJwks(String issuer, AuthSettings settings) {
      this.issuer = issuer;
      this.settings = settings;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
      return discovered().get(selector, context);
    }

    private synchronized JWKSource<SecurityContext> discovered() throws KeySourceException {
      if (jwks != null) {
        return jwks;
      }
      long now = System.currentTimeMillis();
      if (failedAt != 0 && now - failedAt < settings.jwksRefreshMinIntervalMs()) {
        throw new KeySourceException("the identity provider's discovery document is unavailable");
      }
      String address = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
      try {
        String body = retriever().retrieveResource(url(address)).getContent();
        JsonObject document = JsonFactory.readObject(body);
        jwks = remote(url(document.getString("jwks_uri")), settings);
        return jwks;
      } catch (IOException | JsonException | ClassCastException | NullPointerException e) {
        failedAt = now;
        throw new KeySourceException("cannot read " + address + ": " + e.getMessage(), e);
      }
    }
  }
}
