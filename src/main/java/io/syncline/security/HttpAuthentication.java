package io.syncline.security;

import io.syncline.cluster.Cluster;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RateLimitedException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates every REST call with the same verifier as the socket (an {@code Authorization:
 * Bearer} header or an {@code access_token} parameter), applies the per-user request rate (back-end
 * services, role {@code service} or {@code admin}, have a budget of their own), and makes the
 * caller current for the services.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class HttpAuthentication implements ContainerRequestFilter, ContainerResponseFilter {

  private static final RateBuckets RATES = new RateBuckets();

  @Inject private TokenVerifier tokens;
  @Inject private AuthSettings settings;
  @Inject private ActorContext actors;

  @Inject private SynclineConfig config;
  @Inject private Cluster cluster;

  @Override
  public void filter(ContainerRequestContext request) {
    actors.enter(Caller.ANONYMOUS);
    String path = request.getUriInfo().getPath().replaceFirst("^/", "");
    // long-poll sessions authenticate as sockets do: the token at connect or an auth frame, and
    // then the session; their frames are rate-limited per connection, as a socket's
    if ("OPTIONS".equals(request.getMethod())
        || path.startsWith("dev/tokens")
        || path.startsWith("lp/")) {
      return;
    }
    String token = token(request);
    Caller caller;
    if (token != null) {
      caller = tokens.verify(token);
    } else if (settings.required()) {
      throw new ProtocolException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
    } else {
      caller = Caller.ANONYMOUS;
    }
    boolean service = caller.hasRole("service") || caller.hasRole(DefaultChannelPolicy.ADMIN);
    int rate = service ? config.serviceRestPerSecond() : config.restPerSecond();
    long wait =
        RATES.take(
            (service ? "service:" : "user:") + caller.userId(),
            cluster.nodes().size(),
            rate,
            service ? config.serviceRestBurst() : config.restBurst());
    if (wait > 0) {
      throw new RateLimitedException(
          "over " + rate + " requests a second for " + caller.userId(), wait, rate);
    }
    actors.enter(caller);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    actors.leave();
  }

  private static String token(ContainerRequestContext request) {
    String authorization = request.getHeaderString("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return request.getUriInfo().getQueryParameters().getFirst("access_token");
  }
}
