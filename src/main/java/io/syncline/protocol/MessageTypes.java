package io.syncline.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The registry of wire names, read once from the sealed hierarchies' {@link MessageType}s. */
public final class MessageTypes {

  private static final Map<String, Class<? extends ClientMessage>> CLIENT =
      byName(ClientMessage.class);
  private static final Map<Class<?>, String> NAMES =
      Stream.concat(
              Stream.of(ClientMessage.class.getPermittedSubclasses()),
              Stream.of(ServerMessage.class.getPermittedSubclasses()))
          .collect(Collectors.toUnmodifiableMap(Function.identity(), MessageTypes::annotatedName));

  private MessageTypes() {}

  /** The client message class for a wire name, if there is one. */
  public static Optional<Class<? extends ClientMessage>> clientType(String name) {
    return Optional.ofNullable(CLIENT.get(name));
  }

  /** The wire name of a message class. */
  public static String nameOf(Class<?> type) {
    String name = NAMES.get(type);
    if (name == null) {
      throw new IllegalArgumentException(type + " is not a protocol message");
    }
    return name;
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, Class<? extends T>> byName(Class<T> root) {
    return Stream.of(root.getPermittedSubclasses())
        .collect(
            Collectors.toUnmodifiableMap(
                MessageTypes::annotatedName, type -> (Class<? extends T>) type));
  }

  private static String annotatedName(Class<?> type) {
    MessageType annotation = type.getAnnotation(MessageType.class);
    if (annotation == null) {
      throw new IllegalStateException(type + " lacks @MessageType");
    }
    return annotation.value();
  }
}
