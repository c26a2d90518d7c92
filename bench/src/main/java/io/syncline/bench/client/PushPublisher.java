package io.syncline.bench.client;

import io.syncline.testing.Frames;

/** Commits one new record per message through Syncline's socket {@code push}. */
public final class PushPublisher implements Publisher {

  private final Conn conn;
  private final String entity;
  private final int size;

  public PushPublisher(Conn conn, String entity, int size) {
    this.conn = conn;
    this.entity = entity;
    this.size = size;
  }

  @Override
  public void publish(long seq) {
    conn.send(frame(entity, "r" + seq, "m" + seq, Stamps.message(seq, System.nanoTime(), size)));
  }

  /** A push that creates a record: slots entity, id, mutation id (also the request id), data. */
  private static final Frames.Template CREATE =
      Frames.template(
          Frames.push(
              Frames.text(2),
              Frames.text(0),
              Frames.text(1),
              "create",
              Frames.raw(3),
              "mutationId",
              Frames.text(2)));

  /** A push that creates record {@code id}. */
  public static String frame(String entity, String id, String mutationId, String data) {
    return CREATE.fill(entity, id, mutationId, data);
  }
}
