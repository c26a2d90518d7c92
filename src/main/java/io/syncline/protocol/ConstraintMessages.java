package io.syncline.protocol;

import jakarta.validation.ConstraintViolation;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place Bean Validation's constraint violations become the messages clients read: in a
 * socket frame's {@code error}, a REST {@code bad_message} body, and a form's field check. Each
 * list is sorted, so the same failures always read the same.
 */
public final class ConstraintMessages {

  private static final String SEPARATOR = "; ";

  private ConstraintMessages() {}

  /**
   * A decoded frame's violations: {@code field 'path' message} for a field of the message record
   * ({@code [i]} kept, list-element markers dropped), the bare message for a class-level check.
   */
  public static String forFrame(
      Collection<? extends ConstraintViolation<?>> violations, Class<?> type) {
    Set<String> components =
        type.isRecord()
            ? Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet())
            : Set.of();
    return violations.stream()
        .map(
            v -> {
              String path = v.getPropertyPath().toString().replace(".<list element>", "");
              String field = path.replaceAll("\\[.*", "");
              return components.contains(field) ? field(path, v.getMessage()) : v.getMessage();
            })
        .sorted()
        .collect(Collectors.joining(SEPARATOR));
  }

  /** A REST body's violations: {@code property: message}, the path's last node as the property. */
  public static String forRequestBody(Collection<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
        .sorted()
        .collect(Collectors.joining(SEPARATOR));
  }

  /** One form field's violations: their messages alone, as the form shows them beside the field. */
  public static List<String> forFormField(Collection<? extends ConstraintViolation<?>> violations) {
    return violations.stream().map(ConstraintViolation::getMessage).sorted().toList();
  }

  /** {@code field 'name' problem}: how a message names a field. */
  public static String field(String name, String problem) {
    return "field '" + name + "' " + problem;
  }

  /** {@code publish.arg1.type} → {@code type}. */
  private static String lastNode(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
