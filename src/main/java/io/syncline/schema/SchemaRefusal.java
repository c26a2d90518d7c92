package io.syncline.schema;

import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.json.JsonValue;

/**
 * A schema request the registry refused, with the HTTP status it answers (a malformed schema is
 * 400, a stale {@code If-Match} 412 with the current version as ETag); on a socket, an {@code
 * error} with the same code.
 */
public class SchemaRefusal extends ProtocolException {

  private final int httpStatus;
  private final Long currentVersion;

  private SchemaRefusal(
      ErrorCode code, int httpStatus, String message, JsonValue details, Long currentVersion) {
    super(code, message, details);
    this.httpStatus = httpStatus;
    this.currentVersion = currentVersion;
  }

  /**
   * {@code validation_failed}: what is wrong with {@code field} (a path such as {@code
   * schema.fields[2].type}).
   */
  public static SchemaRefusal invalid(String field, String problem) {
    return new SchemaRefusal(
        ErrorCode.VALIDATION_FAILED,
        400,
        ConstraintMessages.field(field, problem),
        JsonFactory.JSON.createObjectBuilder().add("field", field).build(),
        null);
  }

  /** {@code validation_failed} for a body that is not a JSON object at all. */
  public static SchemaRefusal badBody(String problem) {
    return new SchemaRefusal(ErrorCode.VALIDATION_FAILED, 400, problem, null, null);
  }

  /** {@code conflict} answered 412: the {@code If-Match} is not the latest version. */
  public static SchemaRefusal stale(String app, long expected, long current) {
    return new SchemaRefusal(
        ErrorCode.CONFLICT,
        412,
        app + " is at schema version " + current + ", not " + expected,
        JsonFactory.JSON
            .createObjectBuilder()
            .add("expected", expected)
            .add("current", current)
            .build(),
        current);
  }

  /** {@code conflict} (409): the schema breaks the app's compatibility mode. */
  public static SchemaRefusal incompatible(String message, JsonValue details) {
    return new SchemaRefusal(ErrorCode.CONFLICT, 409, message, details, null);
  }

  /** {@code not_found}. */
  public static SchemaRefusal notFound(String message) {
    return new SchemaRefusal(ErrorCode.NOT_FOUND, 404, message, null, null);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The app's latest version, for the ETag of a 412; null otherwise. */
  public Long currentVersion() {
    return currentVersion;
  }
}
