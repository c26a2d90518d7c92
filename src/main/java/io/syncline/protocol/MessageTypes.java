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
              Stream.of(ServerMessage.class.getPermittedSubclasses())
                  .filter(type -> !namesItself(type)))
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

  /** A server message that declares its own {@code type()} needs no {@link MessageType}. */
  private static boolean namesItself(Class<?> type) {
    try {
      type.getDeclaredMethod("type");
      return type.getAnnotation(MessageType.class) == null;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static String annotatedName(Class<?> type) {
    MessageType annotation = type.getAnnotation(MessageType.class);
    if (annotation == null) {
      throw new IllegalStateException(type + " lacks @MessageType");
    }
    return annotation.value();
  }
}
