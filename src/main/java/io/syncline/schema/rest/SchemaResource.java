package io.syncline.schema.rest;

import io.syncline.protocol.JsonFactory;
import io.syncline.schema.Compatibility;
import io.syncline.schema.SchemaRefusal;
import io.syncline.schema.SchemaVersion;
import io.syncline.schema.registry.SchemaRegistry;
import io.syncline.schema.registry.SchemaRegistry.Registration;
import io.syncline.schema.registry.SchemaRegistry.When;
import io.syncline.security.ActorContext;
import io.syncline.security.ChannelPolicy;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/schemas}: each app's schema versions. Reads are open to every caller; a new version
 * or mode needs the schema-write role ({@code admin}). The {@code ETag} is the version.
 */
@Path("schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

  @Inject private SchemaRegistry registry;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;

  /** The apps that have a schema, by name. */
  @GET
  public JsonArray apps() {
    return JsonFactory.JSON.createArrayBuilder(registry.apps()).build();
  }

  @GET
  @Path("{app}")
  public Response latest(@PathParam("app") String app) {
    return found(
        registry.latest(app).orElseThrow(() -> SchemaRefusal.notFound("no schema for " + app)));
  }

  /** {@code [{version, schemaType, author, createdAt}]}, oldest first. */
  @GET
  @Path("{app}/versions")
  public JsonArray versions(@PathParam("app") String app) {
    List<SchemaVersion> versions = registry.versions(app);
    if (versions.isEmpty()) {
      throw SchemaRefusal.notFound("no schema for " + app);
    }
    JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
    versions.forEach(
        v ->
            list.add(
                JsonFactory.JSON
                    .createObjectBuilder()
                    .add("version", v.version())
                    .add("schemaType", v.type().wireName())
                    .add("author", v.author() == null ? "" : v.author())
                    .add("createdAt", v.createdAt().toString())));
    return list.build();
  }

  @GET
  @Path("{app}/versions/{version}")
  public Response version(@PathParam("app") String app, @PathParam("version") String version) {
    return found(
        parseVersion(version)
            .flatMap(n -> registry.version(app, n))
            .orElseThrow(
                () ->
                    SchemaRefusal.notFound("no version " + version + " of the schema of " + app)));
  }

  /** {@code {schemaType, schema}} as the app's next version: 201 with it, as stored. */
  @PUT
  @Path("{app}")
  public Response put(
      @PathParam("app") String app,
      @HeaderParam("If-Match") String ifMatch,
      String body,
      @Context UriInfo uri) {
    policy.checkSchemaWrite(actors.caller());
    Candidate candidate = Candidate.parse(body);
    SchemaVersion stored =
        registry
            .register(
                new Registration(
                    app,
                    candidate.type(),
                    candidate.schema(),
                    ifMatch(ifMatch),
                    actors.current(),
                    When.ALWAYS))
            .orElseThrow();
    return Response.created(
            uri.getBaseUriBuilder()
                .path("schemas")
                .path(stored.app())
                .path("versions")
                .path(Long.toString(stored.version()))
                .build())
        .tag(new EntityTag(Long.toString(stored.version())))
        .entity(stored.update())
        .build();
  }

  /** A dry run of a PUT's checks, storing nothing: 200 if it would be stored, else the refusal. */
  @POST
  @Path("{app}/compatibility")
  public JsonObject compatibility(@PathParam("app") String app, String body) {
    Candidate candidate = Candidate.parse(body);
    long next = registry.checkCompatible(app, registry.shape(candidate.type(), candidate.schema()));
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("app", app)
        .add("compatible", true)
        .add("compatibility", registry.compatibility(app).wireName())
        .add("version", next)
        .build();
  }

  @GET
  @Path("{app}/config")
  public JsonObject config(@PathParam("app") String app) {
    return config(SchemaRegistry.checkApp(app), registry.compatibility(app));
  }

  /** {@code {compatibility: none|backward|forward|full}}. */
  @PUT
  @Path("{app}/config")
  public JsonObject config(@PathParam("app") String app, String body) {
    policy.checkSchemaWrite(actors.caller());
    JsonObject request = Candidate.object(body);
    String mode = request.getString("compatibility", null);
    Compatibility compatibility =
        Compatibility.of(mode)
            .orElseThrow(
                () ->
                    SchemaRefusal.invalid(
                        "compatibility", "must be none, backward, forward or full"));
    return config(app, registry.compatibility(app, compatibility));
  }

  private static JsonObject config(String app, Compatibility mode) {
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("app", app)
        .add("compatibility", mode.wireName())
        .build();
  }

  private static Response found(SchemaVersion version) {
    return Response.ok(version.update())
        .tag(new EntityTag(Long.toString(version.version())))
        .build();
  }

  private static Optional<Long> parseVersion(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code "3"}, {@code W/"3"} or {@code 3}; anything else matches no version. */
  private static Long ifMatch(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return null;
    }
    return parseVersion(header.trim().replaceFirst("^W/", "").replace("\"", "")).orElse(-1L);
  }
}
