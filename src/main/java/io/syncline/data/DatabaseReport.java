package io.syncline.data;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Says at start which database Syncline writes to, and warns when it is kept in memory: a restart
 * would then lose every acknowledged write (WildFly's default data source is such a database).
 */
@ApplicationScoped
public class DatabaseReport {

  private static final Logger LOG = Logger.getLogger(DatabaseReport.class.getName());

  @Resource(lookup = "java:app/jdbc/syncline")
  private DataSource dataSource;

  void report(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData database = connection.getMetaData();
      String url = database.getURL();
      String product =
          database.getDatabaseProductName() + " " + database.getDatabaseProductVersion();
      LOG.info(() -> "Syncline database: " + product + " at " + url);
      if (inMemory(url)) {
        LOG.warning(
            "Syncline's database is kept in memory: a restart loses every write. Point the data"
                + " source at a file or a server database (docs/deploy.md).");
      }
    } catch (SQLException e) {
      LOG.log(Level.SEVERE, "Syncline cannot reach its database (java:app/jdbc/syncline)", e);
    }
  }

  /** Whether a JDBC URL names an in-memory database (H2, HSQLDB, Derby). */
  static boolean inMemory(String url) {
    return url != null && (url.contains(":mem:") || url.startsWith("jdbc:derby:memory:"));
  }
}
