package io.syncline.security;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.rest.JsonBodies;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /api/dev/tokens {user, roles?, email?, ttlSeconds?}}: a token for a demo user, in
 * development mode only (404 otherwise).
 */
@Path("dev/tokens")
public class DevTokenResource {

  @Inject private DevTokens tokens;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject mint(String body) {
    if (!tokens.enabled()) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "development mode is off");
    }
    JsonObject request = JsonBodies.object(body);
    String user = request.getString("user", "");
    if (!user.matches("[A-Za-z0-9_.@-]{1,100}")) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'user' must be 1-100 of A-Z a-z 0-9 _ . @ -");
    }
    Set<String> roles =
        request.containsKey("roles")
            ? request.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .collect(Collectors.toSet())
            : Set.of("user");
    Duration ttl =
        Duration.ofSeconds(Math.max(1, Math.min(request.getInt("ttlSeconds", 3600), 86_400)));
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("token", tokens.mint(user, roles, request.getString("email", null), ttl))
        .add("expiresIn", ttl.toSeconds())
        .build();
  }
}
