package io.syncline.records;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.log.ChangeLog;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.WrittenFields;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import io.syncline.store.EntityStore;
import io.syncline.store.EntityStores;
import io.syncline.store.FieldStamps;
import io.syncline.store.StoredRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * In-memory stand-ins for what the write path uses: a store with a change log, a policy. Public for
 * the tests of the write path's edges (push/).
 */
public final class WriteFakes {

  private WriteFakes() {}

  /** Records in memory, each write a new version by the current actor; feed locks are counted. */
  public static final class Store implements EntityStore {
    private final ActorContext actors;
    private final Map<String, StoredRecord> records = new HashMap<>();
    private final Map<Long, JsonObject> history = new HashMap<>();
    int versions;
    int locks;

    public Store(ActorContext actors) {
      this.actors = actors;
    }

    @Override
    public boolean handles(String entity) {
      return true;
    }

    @Override
    public Optional<StoredRecord> find(String entity, String id) {
      return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<StoredRecord> list(String entity, int offset, int limit) {
      return List.copyOf(records.values());
    }

    @Override
    public Change write(String entity, String id, ChangeAction action, JsonObject data) {
      long version = ++versions;
      Instant now = Instant.now();
      if (data == null) {
        records.remove(id);
      } else {
        records.put(id, new StoredRecord(id, version, data, now.toEpochMilli(), actors.current()));
        history.put(version, data);
      }
      return new Change(entity, id, action, data, version, now, actors.current());
    }

    public JsonObject data(String id) {
      StoredRecord record = records.get(id);
      return record == null ? null : record.data();
    }

    public EntityStores stores() {
      return new EntityStores() {
        @Override
        public EntityStore forEntity(String entity) {
          return Store.this;
        }
      };
    }

    public ChangeLog changeLog() {
      return new ChangeLog() {
        @Override
        public void lockFeed() {
          locks++;
        }

        @Override
        public Change writingFields(
            String entity, String entityId, ChangeLog.FieldsAt fields, Supplier<Change> write) {
          Change c = write.get();
          return new Change(
              c.entity(),
              c.entityId(),
              c.action(),
              c.data(),
              c.version(),
              c.timestamp(),
              c.actor(),
              WrittenFields.of(fields.at(c.timestamp().toEpochMilli())));
        }
      };
    }

    public ChangeQueries queries() {
      return new ChangeQueries() {
        @Override
        public JsonValue dataAt(String entity, String entityId, long version) {
          return history.get(version);
        }
      };
    }
  }

  /** Field stamps in memory, by entity/id and field. */
  public static final class Stamps extends FieldStamps {
    final Map<String, Map<String, Stamp>> stamps = new HashMap<>();

    @Override
    public Map<String, Stamp> of(String entity, String id) {
      return Map.copyOf(stamps.getOrDefault(entity + "/" + id, Map.of()));
    }

    @Override
    public void write(String entity, String id, List<Stamp> written) {
      Map<String, Stamp> record = stamps.computeIfAbsent(entity + "/" + id, k -> new HashMap<>());
      written.forEach(stamp -> record.put(stamp.field(), stamp));
    }

    Stamp get(String id, String field) {
      return stamps.getOrDefault("Doc/" + id, Map.of()).get(field);
    }
  }

  /** Applied mutation ids in memory. */
  public static final class MutationLog extends Mutations {
    private final Map<String, WriteOutcome.Replayed> applied = new HashMap<>();

    @Override
    public Optional<WriteOutcome.Replayed> applied(String actor, String mutationId) {
      return Optional.ofNullable(applied.get(actor + "/" + mutationId));
    }

    @Override
    public void record(String actor, String mutationId, String entity, String id, long version) {
      applied.put(actor + "/" + mutationId, new WriteOutcome.Replayed(entity, id, version));
    }
  }

  /** Anyone may read; writing needs {@code writeRole} when set; {@code ownerField} owns records. */
  public static final class Policy implements ChannelPolicy {
    String writeRole;
    String ownerField;

    @Override
    public void checkSubscribe(Caller caller, ChannelName channel) {}

    @Override
    public void checkBroadcast(Caller caller, ChannelName channel) {}

    @Override
    public void checkPublish(Caller caller, ChannelName channel) {}

    @Override
    public void checkRead(Caller caller, String entity) {}

    @Override
    public void checkSchemaWrite(Caller caller) {}

    @Override
    public void checkAdministration(Caller caller, String operation) {}

    @Override
    public boolean mayRead(Caller caller, String entity, JsonObject record) {
      return owns(caller, record);
    }

    @Override
    public boolean mayReadDeleted(Caller caller, String entity) {
      return ownerField == null;
    }

    @Override
    public void checkWrite(Caller caller, String entity, JsonObject current, JsonObject next) {
      if (writeRole != null && !caller.hasRole(writeRole)) {
        throw new ProtocolException(ErrorCode.FORBIDDEN, "needs " + writeRole);
      }
      if ((current != null && !owns(caller, current)) || (next != null && !owns(caller, next))) {
        throw new ProtocolException(ErrorCode.FORBIDDEN, "not yours");
      }
    }

    private boolean owns(Caller caller, JsonObject record) {
      return ownerField == null
          || (record.get(ownerField) instanceof JsonString owner
              && owner.getString().equals(caller.userId()));
    }
  }
}
