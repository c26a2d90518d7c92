package io.syncline.websocket;

import io.syncline.ops.log.EventLog;
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
 * Drops the connection of a request whose response the container hands over already committed,
 * before anything is written: no status line could go out on it.
 *
 * <p>Grizzly (Payara, GlassFish) can do that after a WebSocket's connection closes. Its thread
 * recycles the upgraded request's response and then the request, while another thread handles the
 * close and marks the request as no longer reading frames; when the mark falls between the two, the
 * response is kept as it was (committed: its 101 and headers) and the request goes back into the
 * thread's cache with it. The next request that thread reads gets that response. Unguarded, a
 * handshake then either fails in Tyrus's flush ("Connection is closed", logged with a stack trace)
 * or never gets its 101 while its frames go out raw. Dropped here, the client sees its connection
 * close before any byte and connects again (Java's HTTP client retries a GET on its own). Other
 * containers never hand over a committed response; there this filter only asks.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
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
    boolean dropped = drop.test(request);
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
