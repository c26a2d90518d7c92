package io.syncline.channel;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.FrameEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last backlog packed, kept with its packed text. A broadcast queues the same text for every
 * subscriber, so subscribers that fell behind by the same broadcasts have the same backlog, and a
 * writer thread going through them packs it once instead of once per subscriber; a short packed
 * text then also gets the same frame bytes on that thread ({@code TextFrames}). Those subscribers
 * get the same {@code batchId} and {@code timestamp}. A connection never gets the same batch twice
 * as long as no text object is queued to one connection twice: every frame is encoded anew for each
 * publish, reply or change, and must stay so. What is kept is one batch at most ({@link
 * SendQueue#MAX_PACKED_CHARS} characters and a frame, twice: the texts and the packed text), until
 * the next packing.
 */
final class SharedPacking {

  private record Packed(FrameEncoder packer, String[] frames, String text) {}

  private static final AtomicReference<Packed> LAST = new AtomicReference<>();

  private SharedPacking() {}

  /** {@code frames} packed by {@code packer}: the last packing's text if it packed the same. */
  static String pack(FrameEncoder packer, List<String> frames) {
    Packed last = LAST.get();
    if (last != null && last.packer() == packer && same(last.frames(), frames)) {
      Metrics.PACKED_SHARED.inc();
      return last.text();
    }
    String text = packer.pack(frames);
    LAST.set(new Packed(packer, frames.toArray(String[]::new), text));
    return text;
  }

  /** Whether both hold the same texts (the same objects), in the same order. */
  private static boolean same(String[] packed, List<String> frames) {
    if (packed.length != frames.size()) {
      return false;
    }
    for (int i = 0; i < packed.length; i++) {
      if (packed[i] != frames.get(i)) {
        return false;
      }
    }
    return true;
  }
}
