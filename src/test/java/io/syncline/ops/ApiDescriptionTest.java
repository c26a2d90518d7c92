package io.syncline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.MessageType;
import io.syncline.protocol.ServerMessage;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The served API descriptions cover the code: every JAX-RS operation, every message type. */
class ApiDescriptionTest {

  @Test
  void everyRestOperationInTheCodeIsInOpenApi() throws Exception {
    Map<String, Object> openapi = load("openapi.yaml");
    assertEquals("3.1.0", openapi.get("openapi"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) openapi.get("paths");
    Set<String> missing = new TreeSet<>();
    Set<String> operations = operations();
    assertTrue(operations.size() > 25, "the scan found the resources: " + operations);
    for (String operation : operations) {
      String[] parts = operation.split(" ", 2);
      Map<String, Object> path = paths.get(parts[1]);
      if (path == null || !path.containsKey(parts[0])) {
        missing.add(operation);
      }
    }
    assertEquals(Set.of(), missing, "operations missing from openapi.yaml");
  }

  @Test
  void everyMessageTypeIsInAsyncApi() throws Exception {
    Map<String, Object> asyncapi = load("asyncapi.yaml");
    assertEquals("3.0.0", asyncapi.get("asyncapi"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> messages =
        (Map<String, Map<String, Object>>)
            ((Map<String, Object>) asyncapi.get("components")).get("messages");
    Set<String> documented =
        messages.values().stream().map(m -> (String) m.get("name")).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (Class<?> type :
        Stream.concat(
                Stream.of(ClientMessage.class.getPermittedSubclasses()),
                Stream.of(ServerMessage.class.getPermittedSubclasses()))
            .toList()) {
      MessageType annotated = type.getAnnotation(MessageType.class);
      // a message without the annotation names itself (entity:created/updated/deleted, below)
      if (annotated != null && !documented.contains(annotated.value())) {
        missing.add(annotated.value());
      }
    }
    assertEquals(Set.of(), missing, "message types missing from asyncapi.yaml");
    assertTrue(
        documented.containsAll(List.of("entity:created", "entity:updated", "entity:deleted")));
  }

  private static Map<String, Object> load(String name) throws IOException {
    try (InputStream in =
        ApiDescriptionTest.class.getResourceAsStream("/io/syncline/ops/api/" + name)) {
      return new Yaml().load(in);
    }
  }

  /** "get /api/entities/{entity}", … for every resource method, sub-resources followed. */
  private static Set<String> operations() throws IOException, URISyntaxException {
    java.nio.file.Path classes = Paths.get(rootOfMain());
    String prefix = "/api";
    Set<String> operations = new TreeSet<>();
    List<Class<?>> resources = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> type = Class.forName(name, false, ApiDescriptionTest.class.getClassLoader());
          if (type.isAnnotationPresent(Path.class)) {
            resources.add(type);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable on the test classpath: not a resource
        }
      }
    }
    for (Class<?> resource : resources) {
      collect(resource, join(prefix, resource.getAnnotation(Path.class).value()), operations, 0);
    }
    return operations;
  }

  private static String rootOfMain() throws URISyntaxException {
    return Paths.get(
            io.syncline.rest.RestApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI())
        .toString();
  }

  private static void collect(Class<?> type, String base, Set<String> out, int depth) {
    for (Method method : type.getMethods()) {
      String path = base;
      Path own = method.getAnnotation(Path.class);
      if (own != null) {
        path = join(base, own.value());
      }
      String verb = verb(method);
      if (verb != null) {
        out.add(verb + " " + path);
      } else if (own != null && depth < 3) {
        collect(method.getReturnType(), path, out, depth + 1); // a sub-resource locator
      }
    }
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static String join(String base, String path) {
    String joined = (base + "/" + path).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }
}
