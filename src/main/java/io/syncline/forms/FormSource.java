package io.syncline.forms;

import java.util.Collection;
import java.util.Optional;

/**
 * Where forms come from. {@link AnnotatedForms} is one source (classes annotated {@link Form});
 * implement this as a CDI bean to add another (a schema registry's record schemas, say).
 */
public interface FormSource {

  Optional<FormDefinition> form(String name);

  Collection<FormDefinition> forms();
}
