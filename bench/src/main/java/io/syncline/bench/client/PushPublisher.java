package io.syncline.bench.client;

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

  /** A push that creates record {@code id}. */
  public static String frame(String entity, String id, String mutationId, String data) {
    return "{\"type\":\"push\",\"requestId\":\""
        + mutationId
        + "\",\"entity\":\""
        + entity
        + "\",\"entityId\":\""
        + id
        + "\",\"action\":\"create\",\"data\":"
        + data
        + ",\"mutationId\":\""
        + mutationId
        + "\"}";
  }
}
