package io.syncline.protocol;

/** Application-level heartbeat; the client's timestamp travels in the frame's metadata. */
@MessageType("ping")
public record Ping(Long sequenceNumber) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
