package io.syncline.ops.log;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hooks into {@code java.util.logging} under {@code io.syncline}: keeps the recent errors, and with
 * {@code syncline.log.format=json} writes Syncline's lines as JSON instead of through the server's
 * own format: to {@code syncline.log.file} (appended) if set, else to standard output (which the
 * server may wrap in its own line format).
 */
@ApplicationScoped
public class LogSetup {

  private static final Logger ROOT = Logger.getLogger("io.syncline");

  @Inject
  @ConfigProperty(name = "syncline.log.format", defaultValue = "text")
  String format;

  @Inject
  @ConfigProperty(name = "syncline.log.file")
  Optional<String> file;

  private final RecentErrors recent = new RecentErrors();
  private Handler json;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    ROOT.addHandler(recent);
    if ("json".equalsIgnoreCase(format.trim())) {
      json = file.isPresent() ? toFile(file.get()) : new FlushingHandler();
      if (json == null) {
        return;
      }
      json.setFormatter(new JsonLogFormatter());
      ROOT.addHandler(json);
      ROOT.setUseParentHandlers(false);
    }
  }

  private static Handler toFile(String path) {
    try {
      return new FileHandler(path, true);
    } catch (IOException | RuntimeException e) {
      ROOT.log(Level.SEVERE, "Cannot write the JSON log to " + path + "; keeping the server's", e);
      return null;
    }
  }

  /** Standard output, flushed after every line (it is never closed). */
  private static final class FlushingHandler extends StreamHandler {
    FlushingHandler() {
      super(System.out, new JsonLogFormatter());
    }

    @Override
    public synchronized void publish(LogRecord record) {
      super.publish(record);
      flush();
    }

    @Override
    public synchronized void close() {
      flush();
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
      json.close();
      ROOT.setUseParentHandlers(true);
    }
  }
}
