package io.syncline.websocket;

import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.JsonText;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What both dialects' codecs share: the JSON-B bindings, the validator, name casing. */
final class Codecs {

  /** Binds message records to the canonical (camelCase) payload: the shared instance. */
  static final Jsonb CAMEL = JsonFactory.jsonb();

  /** Binds message records to seed 002's snake_case fields. */
  static final Jsonb SNAKE =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .traversableResolver(new MessageTraversal())
          // Hibernate Validator's: no per-call cache of answers that are always yes
          .addProperty("hibernate.validator.enable_traversable_resolver_result_cache", "false")
          .buildValidatorFactory()
          .getValidator();

  private static final ClassValue<Set<String>> SNAKE_FIELDS =
      new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
          if (!type.isRecord()) {
            return Set.of();
          }
          return Arrays.stream(type.getRecordComponents())
              .map(component -> snakeCase(component.getName()))
              .collect(Collectors.toUnmodifiableSet());
        }
      };

  private Codecs() {}

  /** A JSON string literal, quoted and escaped. */
  static String quote(String value) {
    return JsonText.quote(value);
  }

  /**
   * {@code heartbeatInterval} → {@code heartbeat_interval}, as JSON-B's snake_case strategy does.
   */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The snake_case names of a record's components. */
  static Set<String> snakeFields(Class<?> record) {
    return SNAKE_FIELDS.get(record);
  }
}
