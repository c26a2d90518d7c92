package io.syncline.bench.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long a HotSpot JVM's JIT compilers have compiled so far, read from the JVM's performance
 * counters in {@code /tmp/hsperfdata_USER/PID} (what {@code jstat -compiler} shows as "Time"):
 * reading that file costs the server nothing, where {@code jcmd} or {@code jstat} would start a JVM
 * on the load generator's core every time. The file's layout is HotSpot's PerfData format 2.0: a
 * 32-byte prologue (magic {@code 0xcafec0c0}, byte order, …, offset and count of the entries), then
 * entries of a header, a NUL-terminated name and the value.
 */
public final class JitClock {

  private static final int MAGIC = 0xcafec0c0;

  private JitClock() {}

  /** Milliseconds the JIT of JVM {@code pid} has spent compiling; -1 if it cannot tell. */
  public static long compileMillis(long pid) {
    try {
      Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), "" + pid);
      ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
      if (data.getInt(0) != MAGIC) {
        return -1;
      }
      data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      int offset = data.getInt(24);
      int entries = data.getInt(28);
      long ticks = -1;
      long frequency = -1;
      for (int i = 0; i < entries && offset + 20 <= data.limit(); i++) {
        int length = data.getInt(offset);
        String name = name(data, offset + data.getInt(offset + 4));
        if (data.getInt(offset + 8) == 0 && data.get(offset + 12) == 'J') {
          long value = data.getLong(offset + data.getInt(offset + 16));
          if (name.equals("java.ci.totalTime")) {
            ticks = value;
          } else if (name.equals("sun.os.hrt.frequency")) {
            frequency = value;
          }
        }
        offset += length;
      }
      return ticks < 0 || frequency <= 0 ? -1 : ticks * 1000 / frequency;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String name(ByteBuffer data, int at) {
    int end = at;
    while (end < data.limit() && data.get(end) != 0) {
      end++;
    }
    return new String(data.array(), at, end - at, StandardCharsets.US_ASCII);
  }
}
