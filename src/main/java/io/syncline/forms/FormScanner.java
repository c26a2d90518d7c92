package io.syncline.forms;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Set;

/**
 * Finds the classes annotated {@link Form} in the application as it starts: the servlet container
 * hands them over (it scans {@code WEB-INF/classes} and {@code WEB-INF/lib}), before any request or
 * CDI bean asks for a form.
 */
@HandlesTypes(Form.class)
public class FormScanner implements ServletContainerInitializer {

  private static volatile Set<Class<?>> found = Set.of();

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    found =
        classes == null
            ? Set.of()
            : classes.stream()
                .filter(type -> type.isAnnotationPresent(Form.class))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** The form classes found at start-up. */
  static Set<Class<?>> found() {
    return found;
  }
}
