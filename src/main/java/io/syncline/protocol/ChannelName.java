package io.syncline.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A valid channel name: {@code kind:rest}, at most 200 characters of {@code [A-Za-z0-9_:./-]},
 * where kind is one of {@link Kind}.
 */
public record ChannelName(Kind kind, String id, String value) {

  /** The kinds of channel PROTOCOL.md defines. */
  public enum Kind {
    ENTITY,
    PRESENCE,
    USER,
    SCHEMA,
    COMPONENT,
    /** {@code fields:{Entity}} and {@code fields:{Entity}:{id}}: field-level changes. */
    FIELDS;

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + ":";
    }
  }

  /**
   * The name of a channel of this kind, e.g. {@code of(Kind.FIELDS, "Task")} is {@code
   * fields:Task}.
   */
  public static String of(Kind kind, String id) {
    return kind.prefix() + id;
  }

  public static final int MAX_LENGTH = 200;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_:./-]+");

  /** Parses a name, or refuses it with {@code bad_channel}. */
  public static ChannelName parse(String value) {
    if (value == null || value.isEmpty()) {
      throw refused(value, "a channel name is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw refused(value, "channel names are at most " + MAX_LENGTH + " characters");
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw refused(value, "channel names use only A-Z a-z 0-9 _ : . / -");
    }
    for (Kind kind : Kind.values()) {
      if (value.startsWith(kind.prefix()) && value.length() > kind.prefix().length()) {
        return new ChannelName(kind, value.substring(kind.prefix().length()), value);
      }
    }
    throw refused(
        value,
        "channel '" + value + "' is not entity:, presence:, user:, schema:, component: or fields:");
  }

  private static ProtocolException refused(String value, String message) {
    return new ProtocolException(
        ErrorCode.BAD_CHANNEL,
        message,
        JsonFactory.JSON.createObjectBuilder().add("channel", value == null ? "" : value).build());
  }

  @Override
  public String toString() {
    return value;
  }
}
