package io.syncline.bench.client;

import io.syncline.testing.Frames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes through Syncline's REST API, {@code POST /api/channels/{channel}/messages}. */
public final class RestPublisher implements Publisher {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final String token;
  private final int size;
  private final Semaphore inFlight = new Semaphore(64);
  private final AtomicLong failures = new AtomicLong();

  /** The published message: {@code {type: tick, payload}}, the payload stamped per message. */
  private static final Frames.Template BODY =
      Frames.template(Frames.frame("tick", "payload", Frames.raw(0)));

  public RestPublisher(URI base, String channel, String token, int size) {
    this.uri = base.resolve("/api/channels/" + channel + "/messages");
    this.token = token;
    this.size = size;
  }

  @Override
  public void publish(long seq) {
    inFlight.acquireUninterruptibly();
    String body = BODY.fill(Stamps.message(seq, System.nanoTime(), size));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              inFlight.release();
              if (error != null || response.statusCode() >= 300) {
                failures.incrementAndGet();
              }
            });
  }

  @Override
  public long failures() {
    return failures.get();
  }
}
