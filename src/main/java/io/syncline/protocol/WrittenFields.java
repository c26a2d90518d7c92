package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fields one change wrote, for field-level sync: each field's name, its timestamp and whether
 * the change unset it. The change log stores them beside the change and other nodes receive them
 * with it, so every node and every catch-up sends a change's {@code field_change}s alike. Kept as
 * the JSON text they are stored as, and read only when a field subscriber needs them. Only writes
 * through the write path declare them; an entity changed straight through JPA carries none.
 */
public final class WrittenFields {

  /** One field a change wrote: its timestamp (epoch ms) and whether it was unset. */
  public record Field(String name, long timestamp, boolean unset) {}

  /**
   * A change that wrote no field, or whose fields are not tracked (written around the write path).
   */
  public static final WrittenFields NONE = new WrittenFields(null, List.of());

  private static final Logger LOG = Logger.getLogger(WrittenFields.class.getName());

  private final String json;
  private volatile List<Field> fields;

  private WrittenFields(String json, List<Field> fields) {
    this.json = json;
    this.fields = fields;
  }

  public static WrittenFields of(List<Field> fields) {
    return fields.isEmpty() ? NONE : new WrittenFields(encode(fields), List.copyOf(fields));
  }

  /** Fields as {@link #json()} wrote them; null, empty text or an empty list is {@link #NONE}. */
  public static WrittenFields fromJson(String json) {
    return json == null || json.isBlank() || json.strip().equals("[]")
        ? NONE
        : new WrittenFields(json, null);
  }

  /** The fields, in the order they were written. */
  public List<Field> list() {
    List<Field> read = fields;
    if (read == null) {
      read = decode(json);
      fields = read;
    }
    return read;
  }

  public boolean isEmpty() {
    return json == null;
  }

  /** {@code [{"f":name,"t":timestamp,"u":true}, …]} ({@code u} only when unset); null if none. */
  public String json() {
    return json;
  }

  private static String encode(List<Field> fields) {
    StringBuilder out = new StringBuilder(fields.size() * 32).append('[');
    for (Field field : fields) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"f\":")
          .append(JsonText.quote(field.name()))
          .append(",\"t\":")
          .append(field.timestamp());
      if (field.unset()) {
        out.append(",\"u\":true");
      }
      out.append('}');
    }
    return out.append(']').toString();
  }

  /** The fields of stored text; text that is not such a list (edited by hand) counts as none. */
  private static List<Field> decode(String json) {
    try {
      List<Field> read = new ArrayList<>();
      for (JsonValue value : JsonFactory.readArray(json)) {
        JsonObject field = value.asJsonObject();
        read.add(
            new Field(
                field.getString("f"),
                field.getJsonNumber("t").longValue(),
                field.getBoolean("u", false)));
      }
      return List.copyOf(read);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A change's field list is not readable, taken as none: " + json, e);
      return List.of();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WrittenFields that && list().equals(that.list());
  }

  @Override
  public int hashCode() {
    return Objects.hash(list());
  }

  @Override
  public String toString() {
    return json == null ? "[]" : json;
  }
}
