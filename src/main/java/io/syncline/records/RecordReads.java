package io.syncline.records;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import io.syncline.store.EntityStores;
import io.syncline.store.RecordIds;
import io.syncline.store.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads of synced records of any entity, showing each caller only what the policy lets it see. */
@ApplicationScoped
public class RecordReads {

  private EntityStores stores;
  private ChangeQueries queries;
  private ChannelPolicy policy;
  private ActorContext actors;

  protected RecordReads() {}

  @Inject
  public RecordReads(
      EntityStores stores, ChangeQueries queries, ChannelPolicy policy, ActorContext actors) {
    this.stores = stores;
    this.queries = queries;
    this.policy = policy;
    this.actors = actors;
  }

  /** A page of records and the feed version they are at least as new as. */
  public record Snapshot(List<StoredRecord> items, long version) {}

  /** A record the caller may read; {@code forbidden} if it is someone else's. */
  public Optional<StoredRecord> find(String entity, String id) {
    Caller caller = actors.caller();
    policy.checkRead(caller, RecordIds.checkEntity(entity));
    Optional<StoredRecord> record = stores.forEntity(entity).find(entity, RecordIds.checkId(id));
    if (record.isPresent() && !policy.mayRead(caller, entity, record.get().data())) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, entity + " " + id + " is not yours");
    }
    return record;
  }

  /** Reads the version first: every change up to it is in the page, later ones may be too. */
  public Snapshot list(String entity, int offset, int limit) {
    Caller caller = actors.caller();
    policy.checkRead(caller, RecordIds.checkEntity(entity));
    long version = queries.lastVersion();
    return new Snapshot(
        stores.forEntity(entity).list(entity, offset, limit).stream()
            .filter(record -> policy.mayRead(caller, entity, record.data()))
            .toList(),
        version);
  }
}
