package io.syncline.channel;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.FrameEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last backlog packed, kept with its packed text. A broadcast queues the same text for every
 * subscriber, so subscribers that fell behind by the same broadcasts have the same backlog, and the
 * writers, going through them one after another, pack it once instead of once per subscriber; the
 * same text then also gets the same frame bytes ({@code TextFrames}). Those subscribers get the
 * same {@code batchId}, which is unique per connection all the same: no connection is queued the
 * same texts twice.
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
