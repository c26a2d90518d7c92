package io.syncline.security;

import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads RSA public keys from what operators configure: a PEM (or bare base64) key, a JWK, or a JWKS
 * document — inline, from a file, or from the identity provider's JWKS URL.
 */
final class PublicKeys {

  /** The key id given to keys that have none. */
  static final String NO_KID = "";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PublicKeys() {}

  /** The keys at a location: an http(s) URL, a file: URL or a path. */
  static Map<String, PublicKey> load(String location) {
    try {
      String content;
      if (location.startsWith("http://") || location.startsWith("https://")) {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(location))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(location + " answered " + response.statusCode());
        }
        content = response.body();
      } else {
        content =
            Files.readString(
                location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
      }
      return parse(content);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read keys from " + location, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Keys by key id from PEM, bare base64 DER, a JWK or a JWKS. */
  static Map<String, PublicKey> parse(String content) {
    String text = content.trim();
    Map<String, PublicKey> keys = new HashMap<>();
    try {
      if (text.startsWith("{")) {
        JsonObject json = JsonFactory.JSON.createReader(new StringReader(text)).readObject();
        if (json.containsKey("keys")) {
          for (JsonValue key : json.getJsonArray("keys")) {
            addJwk(key.asJsonObject(), keys);
          }
        } else {
          addJwk(json, keys);
        }
      } else {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        keys.put(
            NO_KID,
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("not an RSA public key, JWK or JWKS", e);
    }
    return keys;
  }

  private static void addJwk(JsonObject jwk, Map<String, PublicKey> keys)
      throws GeneralSecurityException {
    if (!"RSA".equals(jwk.getString("kty", "")) || "enc".equals(jwk.getString("use", "sig"))) {
      return;
    }
    Base64.Decoder url = Base64.getUrlDecoder();
    RSAPublicKeySpec spec =
        new RSAPublicKeySpec(
            new BigInteger(1, url.decode(jwk.getString("n"))),
            new BigInteger(1, url.decode(jwk.getString("e"))));
    keys.put(jwk.getString("kid", NO_KID), KeyFactory.getInstance("RSA").generatePublic(spec));
  }
}
