package io.syncline.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A valid channel name: {@code kind:rest}, at most 200 characters of {@code [A-Za-z0-9_:./-]},
 * where kind is one of {@link Kind}. The one owner of the channel-name grammar: everyone else
 * builds names with its factories and reads them with {@link #parse} and its accessors.
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

    public String prefix() {
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

  /** {@code entity:{Entity}}: every change of an entity. */
  public static String entity(String entity) {
    return of(Kind.ENTITY, entity);
  }

  /** {@code entity:{Entity}:{id}}: the changes of one record. */
  public static String entity(String entity, String recordId) {
    return of(Kind.ENTITY, entity + SEPARATOR + recordId);
  }

  /** {@code fields:{Entity}}: the field changes of an entity. */
  public static String fields(String entity) {
    return of(Kind.FIELDS, entity);
  }

  /** {@code fields:{Entity}:{id}}: the field changes of one record. */
  public static String fields(String entity, String recordId) {
    return of(Kind.FIELDS, entity + SEPARATOR + recordId);
  }

  /** {@code presence:{resource}}: who is present at a resource (itself a channel name). */
  public static String presence(String resource) {
    return of(Kind.PRESENCE, resource);
  }

  /** {@code user:{id}}: one user's personal channel. */
  public static String user(String userId) {
    return of(Kind.USER, userId);
  }

  /** {@code schema:{app}}: one app's schema versions. */
  public static String schema(String app) {
    return of(Kind.SCHEMA, app);
  }

  /** Whether a name, valid or not, starts with this kind's prefix. */
  public static boolean isOfKind(String value, Kind kind) {
    return value != null && value.startsWith(kind.prefix());
  }

  /**
   * The entity an {@code entity:} or {@code fields:} channel concerns: {@code entity:Task}, {@code
   * entity:Task:7} and {@code fields:Task} concern {@code Task}.
   */
  public String entity() {
    int separator = id.indexOf(SEPARATOR);
    return separator < 0 ? id : id.substring(0, separator);
  }

  /**
   * The record an {@code entity:} or {@code fields:} channel names, as {@code 7} in {@code
   * entity:Task:7}.
   */
  public Optional<String> recordId() {
    int separator = id.indexOf(SEPARATOR);
    return separator < 0 ? Optional.empty() : Optional.of(id.substring(separator + 1));
  }

  /**
   * The resource a {@code presence:} channel is about, when that is itself a valid channel name.
   */
  public Optional<ChannelName> presenceResource() {
    if (kind != Kind.PRESENCE) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(id));
    } catch (ProtocolException e) {
      return Optional.empty();
    }
  }

  public static final int MAX_LENGTH = 200;
  private static final String KINDS =
      Stream.of(Kind.values())
              .limit(Kind.values().length - 1)
              .map(Kind::prefix)
              .collect(Collectors.joining(", "))
          + " or "
          + Kind.values()[Kind.values().length - 1].prefix();
  private static final char SEPARATOR = ':';
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
      if (isOfKind(value, kind) && value.length() > kind.prefix().length()) {
        return new ChannelName(kind, value.substring(kind.prefix().length()), value);
      }
    }
    throw refused(value, "channel '" + value + "' is not " + KINDS);
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
