package io.syncline.records.rest;

import io.syncline.records.GroupCommit;
import io.syncline.records.RecordReads;
import io.syncline.records.WriteService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/entities/{entity}[/{id}]}: CRUD on synced records of any entity type. */
@Path("entities")
public class EntityResource {

  @Inject private RecordReads reads;
  @Inject private WriteService writes;
  @Inject private GroupCommit singleWrites;

  @Path("{entity}")
  public RecordsResource records(@PathParam("entity") String entity, @Context UriInfo uri) {
    return RecordsResource.of(entity, reads, writes, singleWrites, uri);
  }
}
