package io.syncline.task;

import io.syncline.records.GroupCommit;
import io.syncline.records.RecordReads;
import io.syncline.records.WriteService;
import io.syncline.records.rest.RecordsResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/tasks}: the same API as {@code /api/entities/Task}. */
@Path("tasks")
public class TaskResource {

  @Inject private RecordReads reads;
  @Inject private WriteService writes;
  @Inject private GroupCommit singleWrites;

  @Path("/")
  public RecordsResource tasks(@Context UriInfo uri) {
    return RecordsResource.of(TaskStore.ENTITY, reads, writes, singleWrites, uri);
  }
}
