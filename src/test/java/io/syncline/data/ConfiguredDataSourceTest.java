package io.syncline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class ConfiguredDataSourceTest {

  @Test
  void theNamedClassGetsTheUrlUserAndPassword() throws SQLException {
    DataSource made =
        ConfiguredDataSource.create(
            "org.postgresql.ds.PGSimpleDataSource",
            "jdbc:postgresql://db.example.com:5433/sync",
            "syncline",
            "secret");

    PGSimpleDataSource postgres = (PGSimpleDataSource) made;
    assertEquals("db.example.com", postgres.getServerNames()[0]);
    assertEquals(5433, postgres.getPortNumbers()[0]);
    assertEquals("sync", postgres.getDatabaseName());
    assertEquals("syncline", postgres.getUser());
    assertEquals("secret", postgres.getPassword());
  }

  @Test
  void aClassThatIsMissingOrNoDataSourceIsNamedInTheError() {
    SQLException missing =
        assertThrows(
            SQLException.class,
            () -> ConfiguredDataSource.create("org.example.NoSuchDataSource", "jdbc:x", "", ""));
    assertTrue(missing.getMessage().contains("org.example.NoSuchDataSource"), missing.getMessage());

    SQLException notOne =
        assertThrows(
            SQLException.class,
            () -> ConfiguredDataSource.create("java.lang.StringBuilder", "jdbc:x", "", ""));
    assertTrue(notOne.getMessage().contains("is no DataSource"), notOne.getMessage());
  }
}
