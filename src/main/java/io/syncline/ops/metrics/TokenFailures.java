package io.syncline.ops.metrics;

/** The small set of reasons a refused token is counted under, from the verifier's message. */
public final class TokenFailures {

  private TokenFailures() {}

  public static String reason(String message) {
    String text = message == null ? "" : message;
    if (text.contains("not a signed JWT")) {
      return "malformed";
    }
    if (text.contains("tokens signed with")) {
      return "algorithm";
    }
    if (text.contains("keys cannot be fetched")) {
      return "keys_unavailable";
    }
    if (text.contains("signature does not verify")) {
      return "signature";
    }
    if (text.contains("expired")) {
      return "expired";
    }
    if (text.contains("not valid yet") || text.contains("issued in the future")) {
      return "not_yet_valid";
    }
    if (text.contains("older than")) {
      return "too_old";
    }
    if (text.contains("audience")) {
      return "audience";
    }
    if (text.contains("issuer")) {
      return "issuer";
    }
    if (text.contains("lacks required claims")) {
      return "missing_claims";
    }
    return "other";
  }
}
