package io.syncline.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.AbstractMap;
import java.util.Set;

/**
 * A JSON object read back from the store as the text it was stored as ({@code JsonValue.toString}
 * wrote it), parsed only when something reads into it. Its {@link #toString} is that text, so a
 * frame that only writes the object out copies the text: a catch-up page of changes whose data
 * nobody reads (no owner field in the policy) is neither parsed nor written again, which took a
 * third of the server's time per change.
 *
 * <p>Immutable, like any {@link JsonObject}; safe to share between threads. Equal to any map of the
 * same members, as JSON-P objects are.
 */
public final class StoredObject extends AbstractMap<String, JsonValue> implements JsonObject {

  private final String text;
  private volatile JsonObject parsed;

  private StoredObject(String text) {
    this.text = text;
  }

  /**
   * Stored JSON text as a value: an object's text as a {@code StoredObject}, anything else parsed
   * at once; null for null.
   *
   * @throws JsonParsingException when the text is not one well-formed JSON value (the column was
   *     written by something other than the change log): such text is never copied into a frame
   */
  public static JsonValue of(String json) {
    if (json == null) {
      return null;
    }
    if (!json.startsWith("{")) {
      return JsonFactory.read(json);
    }
    checkWellFormed(json);
    return new StoredObject(json);
  }

  /**
   * Reads the text's events through without building strings, numbers or maps: JSON-P's parser
   * checks the grammar, and that nothing follows the object.
   */
  private static void checkWellFormed(String json) {
    try (JsonParser parser = JsonFactory.JSON.createParser(new StringReader(json))) {
      while (parser.hasNext()) {
        parser.next();
      }
    }
  }

  private JsonObject parsed() {
    JsonObject object = parsed;
    if (object == null) {
      object = JsonFactory.readObject(text);
      parsed = object;
    }
    return object;
  }

  @Override
  public Set<Entry<String, JsonValue>> entrySet() {
    return parsed().entrySet();
  }

  @Override
  public JsonValue get(Object key) {
    return parsed().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return parsed().containsKey(key);
  }

  @Override
  public int size() {
    return parsed().size();
  }

  @Override
  public JsonArray getJsonArray(String name) {
    return parsed().getJsonArray(name);
  }

  @Override
  public JsonObject getJsonObject(String name) {
    return parsed().getJsonObject(name);
  }

  @Override
  public JsonNumber getJsonNumber(String name) {
    return parsed().getJsonNumber(name);
  }

  @Override
  public JsonString getJsonString(String name) {
    return parsed().getJsonString(name);
  }

  @Override
  public String getString(String name) {
    return parsed().getString(name);
  }

  @Override
  public String getString(String name, String defaultValue) {
    return parsed().getString(name, defaultValue);
  }

  @Override
  public int getInt(String name) {
    return parsed().getInt(name);
  }

  @Override
  public int getInt(String name, int defaultValue) {
    return parsed().getInt(name, defaultValue);
  }

  @Override
  public boolean getBoolean(String name) {
    return parsed().getBoolean(name);
  }

  @Override
  public boolean getBoolean(String name, boolean defaultValue) {
    return parsed().getBoolean(name, defaultValue);
  }

  @Override
  public boolean isNull(String name) {
    return parsed().isNull(name);
  }

  @Override
  public ValueType getValueType() {
    return ValueType.OBJECT;
  }

  /** The stored text, as {@code JsonValue.toString} wrote it. */
  @Override
  public String toString() {
    return text;
  }
}
