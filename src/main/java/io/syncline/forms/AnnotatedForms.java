package io.syncline.forms;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ValidatorFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The forms declared with {@link Form} on classes and records of the application. */
@ApplicationScoped
public class AnnotatedForms implements FormSource {

  @Inject private ValidatorFactory validation;
  private Map<String, FormDefinition> forms;

  protected AnnotatedForms() {}

  /** The forms of these classes, for code that runs without a container. */
  public AnnotatedForms(Collection<Class<?>> classes, ValidatorFactory validation) {
    this.validation = validation;
    this.forms = build(classes);
  }

  @PostConstruct
  void scan() {
    forms = build(FormScanner.found());
  }

  private Map<String, FormDefinition> build(Collection<Class<?>> classes) {
    LocalizedValidators validators = new LocalizedValidators(validation);
    Map<String, FormDefinition> byName = new TreeMap<>();
    for (Class<?> type : classes) {
      FormDefinition form = new BeanForm(type, validators);
      if (byName.putIfAbsent(form.name(), form) != null) {
        throw new IllegalStateException("two classes declare the form '" + form.name() + "'");
      }
    }
    return Map.copyOf(byName);
  }

  @Override
  public Optional<FormDefinition> form(String name) {
    return Optional.ofNullable(forms.get(name));
  }

  @Override
  public Collection<FormDefinition> forms() {
    return List.copyOf(forms.values());
  }
}
