package io.syncline.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;

/** Every {@link WriteCheck} bean, run in turn: the one spot where records are checked. */
@ApplicationScoped
public class WriteChecks {

  private Iterable<WriteCheck> checks;

  protected WriteChecks() {}

  @Inject
  public WriteChecks(@Any Instance<WriteCheck> checks) {
    this.checks = checks;
  }

  /** A fixed list of checks, for code that runs without CDI. */
  public WriteChecks(List<WriteCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Checks the record about to be written; the first refusal is thrown. */
  public void check(String entity, String id, JsonObject next) {
    for (WriteCheck check : checks) {
      check.check(entity, id, next);
    }
  }
}
