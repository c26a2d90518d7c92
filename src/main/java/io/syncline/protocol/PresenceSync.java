package io.syncline.protocol;

import java.util.List;
import java.util.Set;

/**
 * Who is present: the full list, or (in a room over the listing limit) only {@code count}, in which
 * case {@code users} is absent.
 *
 * <p>Encoded by hand, as JSON-B writes it ({@code PresenceSyncTest} checks both namings): a joiner
 * is told the whole room under the room's lock, so in a storm of joins every join waited for the
 * one before it to list every member through Yasson.
 */
@MessageType("presence:sync")
public record PresenceSync(String resource, List<PresenceUser> users, int count)
    implements ServerMessage, EncodedPayload {

  @Override
  public String payloadJson() {
    return write("lastSeen");
  }

  @Override
  public String flatPayloadJson() {
    return write("last_seen");
  }

  @Override
  public Set<String> payloadFields() {
    if (resource == null) {
      return users == null ? Set.of("count") : Set.of("count", "users");
    }
    return users == null ? Set.of("count", "resource") : Set.of("count", "resource", "users");
  }

  private String write(String lastSeenName) {
    StringBuilder out = new StringBuilder(48 + (users == null ? 0 : users.size() * 112));
    out.append("{\"count\":").append(count);
    if (resource != null) {
      out.append(",\"resource\":").append(JsonText.quote(resource));
    }
    if (users != null) {
      out.append(",\"users\":[");
      for (int i = 0; i < users.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(users.get(i), lastSeenName, out);
      }
      out.append(']');
    }
    return out.append('}').toString();
  }

  private static void write(PresenceUser user, String lastSeenName, StringBuilder out) {
    int start = out.length();
    out.append('{');
    if (user.email() != null) {
      out.append(",\"email\":").append(JsonText.quote(user.email()));
    }
    if (user.id() != null) {
      out.append(",\"id\":").append(JsonText.quote(user.id()));
    }
    if (user.lastSeen() != null) {
      out.append(",\"").append(lastSeenName).append("\":\"");
      JsonText.appendInstant(user.lastSeen(), out);
      out.append('"');
    }
    if (user.metadata() != null) {
      out.append(",\"metadata\":").append(user.metadata());
    }
    if (user.name() != null) {
      out.append(",\"name\":").append(JsonText.quote(user.name()));
    }
    if (out.length() > start + 1) {
      out.deleteCharAt(start + 1); // the comma before the first field
    }
    out.append('}');
  }
}
