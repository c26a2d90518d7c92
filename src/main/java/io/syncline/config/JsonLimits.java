package io.syncline.config;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;

/** Caps on a client frame's JSON: nesting depth, string length, array length. */
public record JsonLimits(int maxDepth, int maxStringLength, int maxArrayLength) {

  /**
   * Checks a frame in one streaming pass, before it is decoded. Malformed JSON is left for the
   * decoder to report.
   *
   * @throws ProtocolException {@code bad_message} naming the cap that was exceeded
   */
  public void check(String json) {
    Deque<int[]> arrays = new ArrayDeque<>(); // {elements so far, 1 if an array}
    int depth = 0;
    try (JsonParser parser = JsonFactory.JSON.createParser(new StringReader(json))) {
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        int[] container = arrays.peek();
        if (container != null && container[1] == 1 && isValueStart(event)) {
          if (++container[0] > maxArrayLength) {
            throw refused("arrays hold at most " + maxArrayLength + " elements");
          }
        }
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (++depth > maxDepth) {
              throw refused("JSON nests at most " + maxDepth + " levels deep");
            }
            arrays.push(new int[] {0, event == JsonParser.Event.START_ARRAY ? 1 : 0});
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            arrays.pop();
          }
          case KEY_NAME, VALUE_STRING -> {
            if (parser.getString().length() > maxStringLength) {
              throw refused("strings are at most " + maxStringLength + " characters");
            }
          }
          default -> {}
        }
      }
    } catch (JsonParsingException | java.util.NoSuchElementException e) {
      // malformed: the decoder reports it as bad_json
    }
  }

  private static boolean isValueStart(JsonParser.Event event) {
    return event != JsonParser.Event.END_ARRAY
        && event != JsonParser.Event.END_OBJECT
        && event != JsonParser.Event.KEY_NAME;
  }

  private static ProtocolException refused(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }
}
