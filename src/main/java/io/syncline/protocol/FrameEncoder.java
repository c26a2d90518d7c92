package io.syncline.protocol;

/** Turns a server frame into the text of one dialect. Implementations are stateless and shared. */
public interface FrameEncoder {

  String encode(Outbound frame);
}
