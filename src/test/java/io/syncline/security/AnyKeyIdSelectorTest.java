package io.syncline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The keys chosen for a token's header, converted once and following the key set's changes. */
class AnyKeyIdSelectorTest {

  private List<JWK> published = new ArrayList<>();
  private final AnyKeyIdSelector selector =
      new AnyKeyIdSelector(
          Set.of(JWSAlgorithm.RS256),
          (selector, context) -> selector.select(new JWKSet(published)));

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Key> keysFor(String kid) throws Exception {
    return selector.selectJWSKeys(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), (SecurityContext) null);
  }

  @Test
  void theNamedKeyIsConvertedOnceAndReturnedForEveryToken() throws Exception {
    RSAKey one = rsa("one");
    published.add(one.toPublicJWK());
    published.add(rsa("two").toPublicJWK());
    List<Key> first = keysFor("one");
    assertEquals(List.of(one.toPublicKey()), first);
    for (int i = 0; i < 10; i++) {
      assertSame(first.get(0), keysFor("one").get(0));
    }
    assertEquals(1, selector.kept());
  }

  @Test
  void anUnknownKeyIdFallsBackToEveryKeyOfTheType() throws Exception {
    RSAKey pem = rsa(null);
    published.add(pem.toPublicJWK());
    assertEquals(List.of(pem.toPublicKey()), keysFor("not-there"));
  }

  @Test
  void aRotatedKeySetIsUsedAtOnce() throws Exception {
    RSAKey before = rsa("k");
    published.add(before.toPublicJWK());
    assertEquals(List.of(before.toPublicKey()), keysFor("k"));
    RSAKey after = rsa("k");
    published = List.of(after.toPublicJWK());
    assertEquals(List.of(after.toPublicKey()), keysFor("k"));
  }

  @Test
  void keysAnotherAlgorithmNeedsAreNotOffered() throws Exception {
    published.add(rsa("k").toPublicJWK());
    assertTrue(
        selector
            .selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(), null)
            .isEmpty());
  }

  @Test
  void manyRotationsKeepABoundedNumberConverted() throws Exception {
    RSAKey generated = rsa(null);
    for (int i = 0; i < AnyKeyIdSelector.MAX_KEPT + 5; i++) {
      RSAKey key = new RSAKey.Builder(generated).keyID("k" + i).build();
      published = List.of(key.toPublicJWK());
      assertEquals(List.of(key.toPublicKey()), keysFor("k" + i));
      assertTrue(selector.kept() <= AnyKeyIdSelector.MAX_KEPT);
    }
  }
}
