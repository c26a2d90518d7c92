package io.syncline.records.rest;

import static io.syncline.records.Write.OnStale.REFUSE;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.GroupCommit;
import io.syncline.records.RecordReads;
import io.syncline.records.Write;
import io.syncline.records.WriteOutcome;
import io.syncline.records.WriteService;
import io.syncline.rest.JsonBodies;
import io.syncline.store.RecordIds;
import io.syncline.store.StoredRecord;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * The records of one entity type over REST. The {@code ETag} is the record's version; a write with
 * an {@code If-Match} that is not the current version answers 412 and changes nothing.
 */
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {

  private static final int MAX_PAGE = 500;

  private final String entity;
  private final RecordReads reads;
  private final WriteService writes;
  private final GroupCommit singleWrites;
  private final URI base;

  /** The resource for one entity's records, at {@code /api/entities/{entity}}. */
  public static RecordsResource of(
      String entity,
      RecordReads reads,
      WriteService writes,
      GroupCommit singleWrites,
      UriInfo uri) {
    return new RecordsResource(
        entity,
        reads,
        writes,
        singleWrites,
        uri.getBaseUriBuilder().path("entities").path(entity).build());
  }

  private RecordsResource(
      String entity, RecordReads reads, WriteService writes, GroupCommit singleWrites, URI base) {
    this.entity = RecordIds.checkEntity(entity);
    this.reads = reads;
    this.writes = writes;
    this.singleWrites = singleWrites;
    this.base = base;
  }

  @GET
  public RecordPage list(
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    int page = Math.max(1, Math.min(limit, MAX_PAGE));
    RecordReads.Snapshot snapshot = reads.list(entity, Math.max(0, offset), page);
    return new RecordPage(
        snapshot.items().stream().map(RecordView::of).toList(),
        snapshot.version(),
        Math.max(0, offset),
        page);
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    return reads
        .find(entity, id)
        .map(record -> ok(Response.ok(), record))
        .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no " + entity + " " + id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body) {
    JsonObject data = JsonBodies.object(body);
    String id = data.containsKey("id") ? data.getString("id", null) : null;
    StoredRecord created = write(new Write(entity, id, Write.Op.CREATE, data, null, REFUSE, null));
    return ok(Response.created(UriBuilder.fromUri(base).path(created.id()).build()), created);
  }

  /** {@code {operations:[…]}}: all applied in one transaction, or none. */
  @POST
  @Path("batch")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject batch(String body) {
    JsonValue operations = JsonBodies.object(body).get("operations");
    if (!(operations instanceof JsonArray list)) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'operations' must be an array");
    }
    List<StoredRecord> results =
        writes
            .writeAll(
                list.stream().map(operation -> BatchOperation.of(operation).write(entity)).toList())
            .stream()
            .map(RecordsResource::record)
            .toList();
    JsonArrayBuilder views = JsonFactory.JSON.createArrayBuilder();
    results.forEach(
        record ->
            views.add(
                JsonFactory.JSON
                    .createObjectBuilder()
                    .add("id", record.id())
                    .add("version", record.version())
                    .add("data", record.data() == null ? JsonValue.NULL : record.data())));
    return JsonFactory.JSON.createObjectBuilder().add("results", views).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response replace(
      @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
    return ok(
        Response.ok(),
        write(
            new Write(
                entity,
                id,
                Write.Op.REPLACE,
                JsonBodies.object(body),
                version(ifMatch),
                REFUSE,
                null)));
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public Response patch(
      @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
    return ok(
        Response.ok(),
        write(
            new Write(
                entity,
                id,
                Write.Op.PATCH,
                JsonBodies.object(body),
                version(ifMatch),
                REFUSE,
                null)));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    long version =
        write(new Write(entity, id, Write.Op.DELETE, null, version(ifMatch), REFUSE, null))
            .version();
    return Response.noContent().tag(new EntityTag(Long.toString(version))).build();
  }

  private StoredRecord write(Write write) {
    return record(singleWrites.write(write));
  }

  /** A REST write never meets a conflict it does not refuse, so its outcome is applied. */
  private static StoredRecord record(WriteOutcome outcome) {
    return ((WriteOutcome.Applied) outcome).record();
  }

  private static Response ok(Response.ResponseBuilder response, StoredRecord record) {
    return response
        .tag(new EntityTag(Long.toString(record.version())))
        .entity(RecordView.of(record))
        .build();
  }

  /** {@code "42"}, {@code W/"42"} or {@code 42}; anything else matches no version. */
  private static Long version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      return -1L;
    }
  }
}
