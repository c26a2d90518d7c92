package io.syncline.ops.health;

import java.util.Map;

/**
 * One named check's outcome; a failing one says why in {@code reason}. {@code data} holds the
 * figures it judged by (numbers or text), never a token or a record's data.
 */
public record Check(String name, boolean up, String reason, Map<String, Object> data) {

  public static Check up(String name, Map<String, Object> data) {
    return new Check(name, true, null, data);
  }

  public static Check down(String name, String reason, Map<String, Object> data) {
    return new Check(name, false, reason, data);
  }
}
