package io.syncline.security;

import io.syncline.protocol.AuthzCheck;
import io.syncline.protocol.AuthzResult;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Answers {@code authz:check} by asking the one {@link ChannelPolicy} what it would decide, so the
 * answer is the decision the real request would meet (role rules, ownership of the record given as
 * {@code context}). A malformed resource is an error, not a refusal.
 */
@ApplicationScoped
public class AuthorizationCheck {

  @Inject private ChannelPolicy policy;

  public AuthzResult check(Caller caller, AuthzCheck check) {
    ChannelName resource = ChannelName.parse(check.resource());
    try {
      switch (check.action()) {
        case "subscribe" -> policy.checkSubscribe(caller, resource);
        case "broadcast" -> policy.checkBroadcast(caller, resource);
        case "publish" -> policy.checkPublish(caller, resource);
        default -> write(caller, resource, check.context());
      }
      return new AuthzResult(check.resource(), check.action(), true, null);
    } catch (ProtocolException refused) {
      if (refused.code() != ErrorCode.FORBIDDEN && refused.code() != ErrorCode.UNAUTHENTICATED) {
        throw refused;
      }
      return new AuthzResult(check.resource(), check.action(), false, refused.getMessage());
    }
  }

  private void write(Caller caller, ChannelName resource, JsonObject record) {
    if (resource.kind() != ChannelName.Kind.ENTITY) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "write is checked on entity: resources, not " + resource);
    }
    policy.checkWrite(
        caller, resource.entity(), null, record == null ? JsonValue.EMPTY_JSON_OBJECT : record);
  }
}
