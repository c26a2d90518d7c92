package io.syncline.store;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import java.util.regex.Pattern;

/** The grammar of entity names and record ids, the one place that checks them. */
public final class RecordIds {

  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,150}");

  private RecordIds() {}

  /** The entity name, if valid; else {@code bad_message}. */
  public static String checkEntity(String entity) {
    if (entity == null || !ENTITY.matcher(entity).matches()) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "entity names are 1-100 of A-Z a-z 0-9 _ . -");
    }
    return entity;
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
