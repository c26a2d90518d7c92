import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manual measurement, not a test (docs/performance.md, "Memory per idle connection"): who holds
 * the {@code byte[]} and {@code char[]} arrays of a heap dump. The class histogram says how many
 * bytes of arrays each idle connection adds, not whose they are. This reads an HPROF dump (under 2
 * GB, as {@code BENCH_HEAP_DUMP=1} makes with the idle scenario) and prints the arrays by the field
 * that holds them, each array counted once, then the groups of at least MIN arrays of one length.
 * With a length range it walks up from those arrays instead, printing level by level which
 * class's field holds the objects of the level below. Only instance fields and object arrays count
 * as holders: arrays held by static fields or GC roots alone are left out.
 *
 * <pre>
 * java bench/manual/HeapHolders.java bench/target/run/syncline-idle.hprof 2500
 * java bench/manual/HeapHolders.java bench/target/run/syncline-idle.hprof char 1024 1024 5
 * </pre>
 */
public class HeapHolders {

  private static final int[] SIZES = {0, 0, 8, 0, 1, 2, 4, 8, 1, 2, 4, 8};

  private final MappedByteBuffer dump;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, Long> superOf = new HashMap<>();
  private final Map<Long, List<String>> fieldsOf = new HashMap<>();
  private final Map<Long, byte[]> typesOf = new HashMap<>();
  private final Map<Long, int[]> arrays = new HashMap<>(); // id -> {element type, length}
  private final List<int[]> segments = new ArrayList<>();
  private final Map<Long, List<Object[]>> layouts = new HashMap<>();

  /** What a pass over the instances and object arrays sees: a holder, its field, what it holds. */
  private interface Visitor {
    void reference(long holder, String field, long target);
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || args.length == 3) {
      System.err.println("usage: HeapHolders DUMP [MIN] | DUMP byte|char SHORTEST LONGEST [LEVELS]");
      System.exit(2);
    }
    HeapHolders heap = new HeapHolders(args[0]);
    if (args.length > 2) {
      heap.walkUp(
          args[1].equals("char") ? 5 : 8,
          Integer.parseInt(args[2]),
          Integer.parseInt(args[3]),
          args.length > 4 ? Integer.parseInt(args[4]) : 5);
    } else {
      heap.byHolder(args.length > 1 ? Integer.parseInt(args[1]) : 1000);
    }
  }

  private HeapHolders(String path) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path, "r");
        FileChannel channel = file.getChannel()) {
      dump = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
    Map<Long, Long> nameIds = new HashMap<>();
    int p = 0;
    while (dump.get(p) != 0) {
      p++;
    }
    if (dump.getInt(p + 1) != 8) {
      throw new IllegalArgumentException("only dumps with 8-byte ids");
    }
    p += 1 + 4 + 8;
    while (p < dump.limit()) {
      int tag = dump.get(p) & 0xff;
      int length = dump.getInt(p + 5);
      int body = p + 9;
      if (tag == 0x01) {
        byte[] utf8 = new byte[length - 8];
        dump.get(body + 8, utf8);
        strings.put(dump.getLong(body), new String(utf8, StandardCharsets.UTF_8));
      } else if (tag == 0x02) {
        nameIds.put(dump.getLong(body + 4), dump.getLong(body + 16));
      } else if (tag == 0x0C || tag == 0x1C) {
        segments.add(new int[] {body, body + length});
      }
      p = body + length;
    }
    nameIds.forEach((id, name) -> classNames.put(id, simple(strings.getOrDefault(name, "?"))));
    scan(null);
  }

  /**
   * {@code java/util/HashMap$Node} as {@code HashMap$Node}, {@code [Ljava/lang/Object;} as {@code
   * Object[]}.
   */
  private static String simple(String name) {
    String type = name.startsWith("[L") ? name.substring(2, name.length() - 1) + "[]" : name;
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** One pass over the heap; with no visitor, it records the classes and the arrays. */
  private void scan(Visitor visitor) {
    for (int[] segment : segments) {
      int p = segment[0];
      while (p < segment[1]) {
        int sub = dump.get(p++) & 0xff;
        switch (sub) {
          case 0xFF, 0x05, 0x07 -> p += 8;
          case 0x01, 0x02, 0x03, 0x08 -> p += 16;
          case 0x04, 0x06 -> p += 12;
          case 0x20 -> p = classDump(p, visitor == null);
          case 0x21 -> {
            long id = dump.getLong(p);
            long type = dump.getLong(p + 12);
            int n = dump.getInt(p + 20);
            if (visitor != null) {
              for (Object[] field : layout(type)) {
                visitor.reference(id, (String) field[1], dump.getLong(p + 24 + (int) field[0]));
              }
            }
            p += 24 + n;
          }
          case 0x22 -> {
            long id = dump.getLong(p);
            int n = dump.getInt(p + 12);
            if (visitor != null) {
              String name = classNames.getOrDefault(dump.getLong(p + 16), "?");
              for (int i = 0; i < n; i++) {
                visitor.reference(id, name, dump.getLong(p + 24 + 8 * i));
              }
            }
            p += 24 + 8 * n;
          }
          case 0x23 -> {
            int n = dump.getInt(p + 12);
            int type = dump.get(p + 16);
            if (visitor == null && (type == 5 || type == 8)) {
              arrays.put(dump.getLong(p), new int[] {type, n});
            }
            p += 17 + n * SIZES[type];
          }
          default -> throw new IllegalStateException("unknown record " + sub + " at " + p);
        }
      }
    }
  }

  private int classDump(int start, boolean record) {
    long id = dump.getLong(start);
    long parent = dump.getLong(start + 12);
    int p = start + 8 + 4 + 8 * 6 + 4;
    int constants = dump.getShort(p) & 0xffff;
    p += 2;
    for (int i = 0; i < constants; i++) {
      p += 3 + SIZES[dump.get(p + 2)];
    }
    int statics = dump.getShort(p) & 0xffff;
    p += 2;
    for (int i = 0; i < statics; i++) {
      p += 9 + SIZES[dump.get(p + 8)];
    }
    int count = dump.getShort(p) & 0xffff;
    p += 2;
    List<String> names = new ArrayList<>();
    byte[] types = new byte[count];
    for (int i = 0; i < count; i++) {
      names.add(strings.getOrDefault(dump.getLong(p), "?"));
      types[i] = dump.get(p + 8);
      p += 9;
    }
    if (record) {
      superOf.put(id, parent);
      fieldsOf.put(id, names);
      typesOf.put(id, types);
    }
    return p;
  }

  /** The reference fields of an instance: offset and "Class.field", its own class's first. */
  private List<Object[]> layout(long type) {
    return layouts.computeIfAbsent(
        type,
        t -> {
          List<Object[]> out = new ArrayList<>();
          int offset = 0;
          for (long c = t; superOf.containsKey(c); c = superOf.get(c)) {
            String owner = classNames.getOrDefault(c, "?");
            List<String> names = fieldsOf.get(c);
            byte[] types = typesOf.get(c);
            for (int i = 0; i < names.size(); i++) {
              int kind = types[i];
              if (kind == 2) {
                out.add(new Object[] {offset, owner + "." + names.get(i)});
              }
              offset += SIZES[kind];
            }
          }
          return out;
        });
  }

  private void byHolder(int min) {
    Set<Long> seen = new HashSet<>();
    Map<String, Long> bytes = new HashMap<>();
    Map<String, Integer> groups = new HashMap<>();
    scan(
        (holder, field, target) -> {
          int[] array = arrays.get(target);
          if (array != null && seen.add(target)) {
            String type = array[0] == 8 ? "byte[] " : "char[] ";
            bytes.merge(type + field, (long) array[1] * (array[0] == 8 ? 1 : 2), Long::sum);
            groups.merge(array[1] + " " + type + field, 1, Integer::sum);
          }
        });
    System.out.println("bytes of arrays by the field holding them (top 30)");
    bytes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(30)
        .forEach(e -> System.out.printf("%,14d  %s%n", e.getValue(), e.getKey()));
    System.out.printf("%ngroups of at least %,d arrays of one length, by bytes%n", min);
    groups.entrySet().stream()
        .filter(e -> e.getValue() >= min)
        .sorted(
            Comparator.comparingLong(
                (Map.Entry<String, Integer> e) ->
                    -(long) e.getValue()
                        * Integer.parseInt(e.getKey().split(" ")[0])
                        * (e.getKey().contains("char[]") ? 2 : 1)))
        .forEach(e -> System.out.printf("%,8d x %s%n", e.getValue(), e.getKey()));
  }

  private void walkUp(int type, int shortest, int longest, int levels) {
    Set<Long> targets = new HashSet<>();
    arrays.forEach(
        (id, array) -> {
          if (array[0] == type && array[1] >= shortest && array[1] <= longest) {
            targets.add(id);
          }
        });
    System.out.printf("%,d arrays%n", targets.size());
    Map<Long, String> held = new HashMap<>();
    for (int level = 1; level <= levels; level++) {
      Map<Long, String> holders = new HashMap<>();
      Map<String, Integer> counts = new HashMap<>();
      Map<Long, String> below = held;
      Set<Long> current = Set.copyOf(targets);
      scan(
          (holder, field, target) -> {
            if (current.contains(target)) {
              holders.put(holder, field);
              counts.merge(field + " <- " + below.getOrDefault(target, "array"), 1, Integer::sum);
            }
          });
      System.out.printf("level %d: %,d holders%n", level, holders.size());
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(12)
          .forEach(e -> System.out.printf("%,8d  %s%n", e.getValue(), e.getKey()));
      held = holders;
      targets.clear();
      targets.addAll(holders.keySet());
    }
  }
}
