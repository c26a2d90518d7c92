package io.syncline.data;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Payara only: the data source behind the pool of {@code WEB-INF/glassfish-resources.xml}. Payara
 * creates it with its no-argument constructor when the WAR deploys; it then reads {@code
 * syncline.db.*} (system properties, environment variables such as {@code SYNCLINE_DB_URL}, or
 * Payara's config sources) and hands out the connections of the data source class they name, an H2
 * file under {@code ./data} by default. Other servers never load it (docs/deploy.md).
 */
public class ConfiguredDataSource implements DataSource {

  static final String DEFAULT_CLASS = "org.h2.jdbcx.JdbcDataSource";
  static final String DEFAULT_URL = "jdbc:h2:./data/syncline;WRITE_DELAY=0;LOCK_TIMEOUT=10000";

  private final DataSource target;

  public ConfiguredDataSource() throws SQLException {
    Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    target =
        create(
            setting(config, "datasource-class", DEFAULT_CLASS),
            setting(config, "url", DEFAULT_URL),
            setting(config, "user", "sa"),
            setting(config, "password", "sa"));
  }

  private static String setting(Config config, String key, String fallback) {
    return config.getOptionalValue("syncline.db." + key, String.class).orElse(fallback);
  }

  /** An instance of {@code className} with its URL, user and password set through its setters. */
  static DataSource create(String className, String url, String user, String password)
      throws SQLException {
    try {
      Object created =
          Class.forName(className, true, ConfiguredDataSource.class.getClassLoader())
              .getConstructor()
              .newInstance();
      if (!(created instanceof DataSource dataSource)) {
        throw new SQLException("syncline.db.datasource-class " + className + " is no DataSource");
      }
      set(dataSource, url, "setUrl", "setURL");
      set(dataSource, user, "setUser");
      set(dataSource, password, "setPassword");
      return dataSource;
    } catch (ReflectiveOperationException e) {
      throw new SQLException("syncline.db.datasource-class " + className + " cannot be made", e);
    }
  }

  private static void set(DataSource dataSource, String value, String... setters)
      throws SQLException {
    for (String setter : setters) {
      Method method;
      try {
        method = dataSource.getClass().getMethod(setter, String.class);
      } catch (NoSuchMethodException e) {
        continue;
      }
      try {
        method.invoke(dataSource, value);
        return;
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new SQLException(dataSource.getClass().getName() + "." + setter + " failed", e);
      }
    }
    throw new SQLException(
        dataSource.getClass().getName() + " has none of " + String.join(", ", setters));
  }

  @Override
  public Connection getConnection() throws SQLException {
    return target.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return target.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
