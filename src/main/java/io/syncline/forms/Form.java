package io.syncline.forms;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a class or record a form named {@link #value()}: its fields and their Bean Validation
 * constraints are what {@code validate_field}, {@code validate_form} and {@code POST
 * /api/forms/{form}/validate} check. A form named like an entity also checks every write of that
 * entity's records.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Form {
  String value();
}
