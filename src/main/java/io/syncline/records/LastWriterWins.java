package io.syncline.records;

import jakarta.json.JsonValue;

/**
 * Field-level last writer wins: a pushed field beats the stored one when its timestamp is later.
 * Equal timestamps are broken by the values' JSON text, compared as strings (an unset field below
 * any value), so that every server picks the same winner whatever order pushes arrive in; the same
 * value at the same timestamp is the same write, seen again.
 */
public final class LastWriterWins {

  /** How a pushed field fares against the stored one. */
  public enum Verdict {
    /** Written. */
    WINS,
    /** The same write, already there: counted as applied, nothing written. */
    SAME,
    /** Older: not written, reported as a conflict. */
    LOSES
  }

  private LastWriterWins() {}

  /**
   * @param stored the stored value, null when the field is unset or absent
   * @param storedAt the stored field's timestamp, epoch ms (0 for a field never written)
   */
  public static Verdict judge(FieldWrite pushed, JsonValue stored, long storedAt) {
    if (pushed.timestamp() != storedAt) {
      return pushed.timestamp() > storedAt ? Verdict.WINS : Verdict.LOSES;
    }
    int order = compare(pushed.unset() ? null : pushed.value(), stored);
    return order == 0 ? Verdict.SAME : order > 0 ? Verdict.WINS : Verdict.LOSES;
  }

  private static int compare(JsonValue pushed, JsonValue stored) {
    if (pushed == null || stored == null) {
      return pushed == null ? (stored == null ? 0 : -1) : 1;
    }
    return pushed.toString().compareTo(stored.toString());
  }
}
