package io.syncline.schema;

import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.schema.registry.DeploymentSchemas;
import io.syncline.testing.Database;
import io.syncline.testing.Postgres;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated entity schemas across deployments, on a database that outlives them: a deployment
 * stores a new version when the entity's shape differs from the latest, and only then (a second
 * node deploying the same code stores nothing).
 */
class SchemaRedeployIT {

  private static JsonArray versions(Rest rest) {
    return Json.createReader(new StringReader(rest.get("/api/schemas/Task/versions").body()))
        .readArray();
  }

  @Test
  void aDeploymentStoresTheGeneratedSchemaOnlyWhenTheShapeChanged() {
    try (Postgres database = Postgres.start()) {
      JsonObject generated;
      ServerProcess first =
          SuiteServer.start(
              "redeploy-1", new Database.PostgreSql(database), SuiteServer.GENEROUS_LIMITS);
      try {
        Rest rest = new Rest(first::http, TestTokens.token("deployer", "admin"));
        assertEquals(1, versions(rest).size());
        generated = body(rest.get("/api/schemas/Task/versions/1"), 200).getJsonObject("schema");
        // as an older build would have left it: a Task without its due date
        JsonObject older =
            Json.createObjectBuilder(generated)
                .add(
                    "fields",
                    Json.createArrayBuilder(
                        generated.getJsonArray("fields").stream()
                            .filter(f -> !f.asJsonObject().getString("name").equals("dueDate"))
                            .toList()))
                .build();
        body(
            rest.put(
                "/api/schemas/Task",
                Json.createObjectBuilder()
                    .add("schemaType", "record")
                    .add("schema", older)
                    .build()
                    .toString(),
                null),
            201);
      } finally {
        first.close();
      }
      ServerProcess a =
          SuiteServer.start(
              "redeploy-2a", new Database.PostgreSql(database), SuiteServer.GENEROUS_LIMITS);
      ServerProcess b = null;
      try {
        // the changed shape: this deployment stores it
        Rest rest = new Rest(a::http);
        JsonArray versions = versions(rest);
        assertEquals(
            List.of(1, 2, 3),
            versions.stream().map(v -> v.asJsonObject().getInt("version")).toList(),
            versions::toString);
        assertEquals(DeploymentSchemas.AUTHOR, versions.getJsonObject(2).getString("author"));
        assertEquals(
            generated,
            body(rest.get("/api/schemas/Task"), 200).getJsonObject("schema"),
            "the new version is the shape of the deployed code");
        // a second node deploying the same code finds the shape unchanged and stores nothing
        b =
            SuiteServer.start(
                "redeploy-2b", new Database.PostgreSql(database), SuiteServer.GENEROUS_LIMITS);
        assertEquals(versions, versions(new Rest(b::http)));
      } finally {
        a.close();
        if (b != null) {
          b.close();
        }
      }
    }
  }
}
