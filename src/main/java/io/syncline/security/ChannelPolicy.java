package io.syncline.security;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChannelName;
import jakarta.json.JsonObject;

/**
 * The one place that decides who may do what: every subscribe, broadcast, publish, read and write
 * asks it. A refusal is a {@link io.syncline.protocol.ProtocolException} with {@code forbidden},
 * thrown before anything changes.
 */
public interface ChannelPolicy {

  /** May the caller subscribe to the channel (and so receive what is sent on it)? */
  void checkSubscribe(Caller caller, ChannelName channel);

  /** May the caller send client events to the channel's other subscribers? */
  void checkBroadcast(Caller caller, ChannelName channel);

  /** May the caller use the server-side publish API on the channel? */
  void checkPublish(Caller caller, ChannelName channel);

  /** May the caller read records of the entity at all? */
  void checkRead(Caller caller, String entity);

  /** May the caller see this record (record-level restriction by owner)? */
  boolean mayRead(Caller caller, String entity, JsonObject record);

  /** May the caller see this change? A delete is judged on the record it removed, if known. */
  default boolean mayRead(Caller caller, Change change) {
    if (change.data() instanceof JsonObject record) {
      return mayRead(caller, change.entity(), record);
    }
    return change.removed() instanceof JsonObject removed
        ? mayRead(caller, change.entity(), removed)
        : mayReadDeleted(caller, change.entity());
  }

  /**
   * A delete whose record is not known (logged before the log kept what a delete removed): visible
   * to whoever may read the entity unrestricted.
   */
  boolean mayReadDeleted(Caller caller, String entity);

  /** May the caller run an operation that affects every client, such as pruning the log? */
  void checkAdministration(Caller caller, String operation);

  /**
   * May the caller write the record? {@code current} is null for a create, {@code next} null for a
   * delete.
   */
  void checkWrite(Caller caller, String entity, JsonObject current, JsonObject next);

  /** May the caller store schema versions and set compatibility modes? */
  void checkSchemaWrite(Caller caller);
}
