package io.syncline.store;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The grammar of entity names and record ids, and the lengths of field names and mutation ids: the
 * one place that checks them.
 */
public final class RecordIds {

  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,150}");

  /** The longest field name a record may have: each field is stamped under its name. */
  public static final int MAX_FIELD_NAME = 200;

  /** The longest mutation id: applied ones are kept under it. */
  public static final int MAX_MUTATION_ID = 200;

  private RecordIds() {}

  /** The entity name, if valid; else {@code bad_message}. */
  public static String checkEntity(String entity) {
    if (entity == null || !ENTITY.matcher(entity).matches()) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "entity names are 1-100 of A-Z a-z 0-9 _ . -");
    }
    return entity;
  }

  /** The record's data, if each of its field names is at most {@value #MAX_FIELD_NAME} long. */
  public static JsonObject checkFieldNames(JsonObject data) {
    for (String field : data.keySet()) {
      if (field.length() > MAX_FIELD_NAME) {
        throw new ProtocolException(
            ErrorCode.BAD_MESSAGE, "field names are at most " + MAX_FIELD_NAME + " characters");
      }
    }
    return data;
  }

  /** The mutation id (null: none), if at most {@value #MAX_MUTATION_ID} characters long. */
  public static String checkMutationId(String mutationId) {
    if (mutationId != null && mutationId.length() > MAX_MUTATION_ID) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "mutation ids are at most " + MAX_MUTATION_ID + " characters");
    }
    return mutationId;
  }

  /** Whether both the entity name and the record id are valid. */
  public static boolean valid(String entity, String id) {
    return entity != null
        && id != null
        && ENTITY.matcher(entity).matches()
        && ID.matcher(id).matches();
  }

  /** The record id, if valid; else {@code bad_message}. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "ids are 1-150 of A-Z a-z 0-9 _ . : -");
    }
    return id;
  }
}
