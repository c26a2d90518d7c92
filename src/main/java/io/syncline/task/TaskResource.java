package io.syncline.task;

import io.syncline.store.RecordService;
import io.syncline.store.RecordsResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/tasks}: the same API as {@code /api/entities/Task}. */
@Path("tasks")
public class TaskResource {

  @Inject private RecordService records;

  @Path("/")
  public RecordsResource tasks(@Context UriInfo uri) {
    return RecordsResource.of(TaskStore.ENTITY, records, uri);
  }
}
