package io.syncline.forms;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every form of every {@link FormSource}; where two share a name, the first source's wins. */
@ApplicationScoped
public class Forms {

  private Iterable<FormSource> sources;

  protected Forms() {}

  @Inject
  public Forms(@Any Instance<FormSource> sources) {
    this.sources = sources;
  }

  /** Fixed sources, for code that runs without CDI. */
  public Forms(List<FormSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public Optional<FormDefinition> find(String name) {
    for (FormSource source : sources) {
      Optional<FormDefinition> form = source.form(name);
      if (form.isPresent()) {
        return form;
      }
    }
    return Optional.empty();
  }

  /** The form, or {@code not_found}. */
  public FormDefinition get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new ProtocolException(
                    ErrorCode.NOT_FOUND,
                    "no form '" + name + "'",
                    JsonFactory.JSON.createObjectBuilder().add("form", name).build()));
  }

  /** All forms, by name. */
  public List<FormDefinition> all() {
    Map<String, FormDefinition> byName = new LinkedHashMap<>();
    for (FormSource source : sources) {
      source.forms().forEach(form -> byName.putIfAbsent(form.name(), form));
    }
    List<FormDefinition> forms = new ArrayList<>(byName.values());
    forms.sort(Comparator.comparing(FormDefinition::name));
    return forms;
  }
}
