package io.syncline.data;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database Syncline writes to, as its JDBC driver names it, and what follows from that. */
@ApplicationScoped
public class DatabaseProduct {

  @Resource(lookup = "java:app/jdbc/syncline")
  private DataSource dataSource;

  private volatile String name;

  protected DatabaseProduct() {}

  /** A database of this product name, for tests. */
  public DatabaseProduct(String name) {
    this.name = name;
  }

  /**
   * Whether a batch of writes reads what it will look up ahead, with a query per kind ({@code IN}
   * lists): on a database server that saves a round trip per write. Embedded H2 has none to save,
   * and H2 2.2 answers an {@code IN} list on the second column of an index by scanning the range of
   * the first: with the list, a batch of pushes cost more the more rows the table had (H2 pushes
   * fell from 7,800/s to 600-900/s in the benchmark; docs/performance.md).
   */
  public boolean readsAhead() {
    return !name().startsWith("H2");
  }

  private String name() {
    String known = name;
    if (known == null) {
      try (Connection connection = dataSource.getConnection()) {
        known = connection.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        known = "unknown";
      }
      name = known;
    }
    return known;
  }
}
