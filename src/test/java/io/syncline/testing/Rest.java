package io.syncline.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/** A small JSON-over-HTTP client for the integration tests. */
public final class Rest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final Function<String, URI> base;
  private final String token;

  /** A client acting as the tests' default user. */
  public Rest(Function<String, URI> base) {
    this(base, TestTokens.TESTER);
  }

  /** A client sending {@code token} (none if null). */
  public Rest(Function<String, URI> base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A client of the H2-backed suite server. */
  public static Rest h2() {
    return new Rest(SuiteServer::http);
  }

  /** The same server, as another caller. */
  public Rest as(String otherToken) {
    return new Rest(base, otherToken);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.apply(path)).GET());
  }

  /** A request with extra headers, e.g. an Origin. */
  public HttpResponse<String> send(
      String method, String path, java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.apply(path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return send(request);
  }

  public HttpResponse<String> post(String path, String json) {
    return send(jsonRequest(path).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> put(String path, String json, String ifMatch) {
    return send(
        withIfMatch(jsonRequest(path), ifMatch).PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> patch(String path, String json, String ifMatch) {
    return send(
        withIfMatch(jsonRequest(path), ifMatch)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> delete(String path, String ifMatch) {
    return send(withIfMatch(HttpRequest.newBuilder(base.apply(path)), ifMatch).DELETE());
  }

  /** The body of a response that must have this status. */
  public static JsonObject body(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected HTTP " + status + ", got " + response.statusCode() + ": " + response.body());
    }
    return json(response.body());
  }

  public static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private HttpRequest.Builder jsonRequest(String path) {
    return HttpRequest.newBuilder(base.apply(path)).header("Content-Type", "application/json");
  }

  private static HttpRequest.Builder withIfMatch(HttpRequest.Builder request, String ifMatch) {
    return ifMatch == null ? request : request.header("If-Match", ifMatch);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
