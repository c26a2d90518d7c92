import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.EntityChangeFrame;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.websocket.EnvelopeEncoder;
import io.syncline.websocket.FlatEncoder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * A manual measurement, not a test (docs/architecture.md, "Why frames are encoded by hand"): what
 * one change costs to encode for a channel of N subscribers when it is encoded once per dialect
 * and the same text queued for all (what ChannelManager.publish does), against once per
 * subscriber (what a container does for {@code sendObject} through a declared Encoder). Run from
 * the repository after {@code mvn -o package -DskipTests}:
 *
 * <pre>
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:$(cat target/cp.txt) bench/manual/EncodeCost.java
 * </pre>
 */
public class EncodeCost {

  public static void main(String[] args) {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    for (int fields : new int[] {5, 40}) {
      JsonObjectBuilder data = Json.createObjectBuilder().add("id", "7");
      for (int i = 0; i < fields; i++) {
        data.add("field" + i, "value of field " + i);
      }
      JsonObject record = data.build();
      Change change =
          new Change("Task", "7", ChangeAction.UPDATE, record, 42, Instant.now(), "bob");
      Outbound frame =
          new Outbound(new EntityChangeFrame(change), "entity:Task", RequestIds.NONE, 42L);
      int bytes = EnvelopeEncoder.INSTANCE.encode(frame).length();
      measure("envelope", bytes, subscribers, () -> EnvelopeEncoder.INSTANCE.encode(frame));
      measure("flat", FlatEncoder.INSTANCE.encode(frame).length(), subscribers, () -> FlatEncoder.INSTANCE.encode(frame));
    }
  }

  private static void measure(String dialect, int bytes, int subscribers, Runnable encode) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 500_000; i++) { // warm up
      encode.run();
    }
    int runs = 200_000;
    long allocated = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      encode.run();
    }
    double nanos = (System.nanoTime() - start) / (double) runs;
    double perEncode = (threads.getCurrentThreadAllocatedBytes() - allocated) / (double) runs;
    System.out.printf(
        "%-8s frame %5d bytes: one encode %6.2f µs, %7.0f bytes allocated; a change to %d"
            + " subscribers: once %6.3f ms, per subscriber %7.2f ms, %6.1f MB allocated%n",
        dialect,
        bytes,
        nanos / 1000,
        perEncode,
        subscribers,
        nanos / 1e6,
        nanos * subscribers / 1e6,
        perEncode * subscribers / 1e6);
  }
}
