package io.syncline.websocket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Finds the {@link GrizzlyWire} of a WebSocket handshake on Tyrus, for {@link
 * HandshakeConfigurator} to hand to the session: Tyrus's own filter, mapped after every declared
 * one, performs the handshake on this thread, within {@code chain.doFilter}.
 */
@WebFilter(
    urlPatterns = {"/api/ws", "/schema_updates", "/api/sync/ws", "/api/field-sync/ws"},
    asyncSupported = true)
public class WireFilter extends HttpFilter {

  private static final ThreadLocal<GrizzlyWire> HANDSHAKE = new ThreadLocal<>();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    GrizzlyWire wire =
        HandshakeConfigurator.TYRUS && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
            ? GrizzlyWire.of(request)
            : null;
    if (wire == null) {
      chain.doFilter(request, response);
      return;
    }
    HANDSHAKE.set(wire);
    try {
      chain.doFilter(request, response);
    } finally {
      HANDSHAKE.remove();
    }
  }

  /** The wire of the handshake on this thread, once: null outside one, or without a wire. */
  static GrizzlyWire take() {
    GrizzlyWire wire = HANDSHAKE.get();
    HANDSHAKE.remove();
    return wire;
  }
}
