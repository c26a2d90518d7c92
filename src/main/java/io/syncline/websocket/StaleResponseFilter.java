package io.syncline.websocket;

import io.syncline.ops.log.EventLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Closes, unanswered, the HTTP/1 connection of a request whose response arrives already committed
 * (Grizzly's race after a WebSocket closes: docs/deploy.md, "Payara: a socket closing can spoil the
 * next request"); only a request's first dispatch can tell, so it sees no other.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST, asyncSupported = true)
public class StaleResponseFilter extends HttpFilter {

  private final transient Predicate<ServletRequest> drop;

  public StaleResponseFilter() {
    this(GrizzlyWire::close);
  }

  /** With {@code drop}: closes a request's connection, or answers false when it cannot. */
  StaleResponseFilter(Predicate<ServletRequest> drop) {
    this.drop = drop;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!response.isCommitted()) {
      chain.doFilter(request, response);
      return;
    }
    // an HTTP/2 connection carries other streams: it stays
    boolean dropped = request.getProtocol().startsWith("HTTP/1") && drop.test(request);
    EventLog.warn(
        "stale_response",
        "method",
        request.getMethod(),
        "path",
        request.getRequestURI(),
        "dropped",
        dropped);
    if (!dropped) {
      chain.doFilter(request, response); // as without this filter
    }
  }
}
