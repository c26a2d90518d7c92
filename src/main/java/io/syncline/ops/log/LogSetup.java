package io.syncline.ops.log;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hooks into {@code java.util.logging} under {@code io.syncline}: keeps the recent errors, and with
 * {@code syncline.log.format=json} writes Syncline's lines as JSON to standard error instead of the
 * server's own format.
 */
@ApplicationScoped
public class LogSetup {

  private static final Logger ROOT = Logger.getLogger("io.syncline");

  @Inject
  @ConfigProperty(name = "syncline.log.format", defaultValue = "text")
  String format;

  private final RecentErrors recent = new RecentErrors();
  private Handler json;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    ROOT.addHandler(recent);
    if ("json".equalsIgnoreCase(format.trim())) {
      json = new ConsoleHandler();
      json.setFormatter(new JsonLogFormatter());
      ROOT.addHandler(json);
      ROOT.setUseParentHandlers(false);
    }
  }

  /** The recent warnings and errors. */
  public RecentErrors recent() {
    return recent;
  }

  @PreDestroy
  void stop() {
    ROOT.removeHandler(recent);
    if (json != null) {
      ROOT.removeHandler(json);
      ROOT.setUseParentHandlers(true);
    }
  }
}
