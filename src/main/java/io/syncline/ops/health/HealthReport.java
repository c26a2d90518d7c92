package io.syncline.ops.health;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/** Checks together: UP only if every one is; written as MicroProfile Health's JSON. */
public record HealthReport(List<Check> checks) {

  public boolean up() {
    return checks.stream().allMatch(Check::up);
  }

  /** {@code {"status":"UP|DOWN","checks":[{"name","status","data":{…, "reason"}}]}}. */
  public JsonObject toJson() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Check check : checks) {
      JsonObjectBuilder data = Json.createObjectBuilder();
      for (Map.Entry<String, Object> entry : check.data().entrySet()) {
        Object value = entry.getValue();
        if (value instanceof Number number) {
          data.add(entry.getKey(), number.longValue());
        } else {
          data.add(entry.getKey(), String.valueOf(value));
        }
      }
      if (check.reason() != null) {
        data.add("reason", check.reason());
      }
      array.add(
          Json.createObjectBuilder()
              .add("name", check.name())
              .add("status", check.up() ? "UP" : "DOWN")
              .add("data", data));
    }
    return Json.createObjectBuilder()
        .add("status", up() ? "UP" : "DOWN")
        .add("checks", array)
        .build();
  }
}
