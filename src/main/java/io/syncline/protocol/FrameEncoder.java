package io.syncline.protocol;

import java.util.List;

/** Turns a server frame into the text of one dialect. Implementations are stateless and shared. */
public interface FrameEncoder {

  String encode(Outbound frame);

  /**
   * Whether this dialect can pack several encoded frames into one ({@link #pack}). The envelope can
   * ({@code batch:update}); the flat dialect's legacy clients do not know it.
   */
  default boolean packs() {
    return false;
  }

  /**
   * Several frames already encoded in this dialect, as one frame that clients unpack in order.
   *
   * @throws UnsupportedOperationException if the dialect does not {@link #packs() pack}
   */
  default String pack(List<String> frames) {
    throw new UnsupportedOperationException("this dialect does not pack frames");
  }
}
