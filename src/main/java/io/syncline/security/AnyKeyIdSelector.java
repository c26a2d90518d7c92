package io.syncline.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * The keys to check a signature with: those the token's key id names, or, when no key has that id
 * (a key configured as a bare PEM has none), every key of the right type. A signature by a trusted
 * key is required either way; this only spares operators from naming key ids.
 */
final class AnyKeyIdSelector implements JWSKeySelector<SecurityContext> {

  private final JWSVerificationKeySelector<SecurityContext> byKeyId;

  AnyKeyIdSelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
    this.byKeyId = new JWSVerificationKeySelector<>(algorithms, keys);
  }

  @Override
  public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context)
      throws KeySourceException {
    List<? extends Key> keys = byKeyId.selectJWSKeys(header, context);
    if (keys.isEmpty() && header.getKeyID() != null) {
      return byKeyId.selectJWSKeys(new JWSHeader.Builder(header).keyID(null).build(), context);
    }
    return keys;
  }
}
