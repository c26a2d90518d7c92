package io.syncline.protocol;

/** A frame that could not be decoded, with whatever correlation ids could be read from it. */
public class FrameException extends ProtocolException {

  private final RequestIds ids;

  public FrameException(ProtocolException cause, RequestIds ids) {
    super(cause.code(), cause.getMessage(), cause.details());
    this.ids = ids;
  }

  public RequestIds ids() {
    return ids;
  }
}
