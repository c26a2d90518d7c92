package io.syncline.store;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/entities/{entity}[/{id}]}: CRUD on synced records of any entity type. */
@Path("entities")
public class EntityResource {

  @Inject private RecordService records;

  @Path("{entity}")
  public RecordsResource records(@PathParam("entity") String entity, @Context UriInfo uri) {
    return RecordsResource.of(entity, records, uri);
  }
}
