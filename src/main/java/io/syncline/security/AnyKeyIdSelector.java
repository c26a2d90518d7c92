package io.syncline.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * The keys to check a signature with: those the token's key id names, or, when no key has that id
 * (a key configured as a bare PEM has none), every key of the right type. A signature by a trusted
 * key is required either way; this only spares operators from naming key ids.
 *
 * <p>Each key is turned into a Java key once, not for every token as Nimbus's selector does: for an
 * RSA key that decodes and checks its modulus, about a fifth of a token check's time in a storm of
 * connections (docs/performance.md). The keys themselves still come from the source every time, so
 * a rotated key set is used as soon as the source has it.
 */
final class AnyKeyIdSelector extends JWSVerificationKeySelector<SecurityContext> {

  /** Keys converted and kept; past this many (keys rotated many times), all are converted anew. */
  static final int MAX_KEPT = 64;

  private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

  AnyKeyIdSelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
    super(algorithms, keys);
  }

  @Override
  public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context)
      throws KeySourceException {
    List<Key> keys = matching(header, context);
    if (keys.isEmpty() && header.getKeyID() != null) {
      return matching(new JWSHeader.Builder(header).keyID(null).build(), context);
    }
    return keys;
  }

  /** What Nimbus's selector returns for {@code header}: public and secret keys only. */
  private List<Key> matching(JWSHeader header, SecurityContext context) throws KeySourceException {
    if (!isAllowed(header.getAlgorithm())) {
      return List.of();
    }
    JWKMatcher matcher = createJWKMatcher(header);
    if (matcher == null) {
      return List.of();
    }
    List<Key> keys = new ArrayList<>(2);
    for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
      for (Key key : javaKeys(jwk)) {
        if (key instanceof PublicKey || key instanceof SecretKey) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  private List<Key> javaKeys(JWK jwk) {
    List<Key> keys = converted.get(jwk);
    if (keys == null) {
      keys = List.copyOf(KeyConverter.toJavaKeys(List.of(jwk)));
      if (converted.size() >= MAX_KEPT) {
        converted.clear();
      }
      converted.put(jwk, keys);
    }
    return keys;
  }

  /** How many keys are kept converted (for tests). */
  int kept() {
    return converted.size();
  }
}
