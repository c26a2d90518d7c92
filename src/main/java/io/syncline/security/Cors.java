package io.syncline.security;

import io.syncline.config.AllowedOrigins;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for the REST API: only the origins in {@code syncline.origins.allowed} (the same list the
 * socket handshake checks) get CORS headers; a preflight from any other origin is refused.
 */
@Provider
@PreMatching
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (!"OPTIONS".equals(request.getMethod())
        || origin == null
        || request.getHeaderString("Access-Control-Request-Method") == null) {
      return;
    }
    if (!allowed(origin)) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "origin " + origin + " is not allowed");
    }
    request.abortWith(
        Response.noContent()
            .header("Access-Control-Allow-Origin", origin)
            .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")
            .header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match")
            .header("Access-Control-Max-Age", "600")
            .header("Vary", "Origin")
            .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    if (origin != null && allowed(origin)) {
      response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
      response.getHeaders().putSingle("Access-Control-Expose-Headers", "ETag, Location");
      response.getHeaders().add("Vary", "Origin");
    }
  }

  private static boolean allowed(String origin) {
    return AllowedOrigins.lists(origin);
  }
}
