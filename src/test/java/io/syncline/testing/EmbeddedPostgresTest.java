package io.syncline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

  @Test
  void storesAndReadsBackARow() throws Exception {
    int port;
    try (Postgres postgres = Postgres.start()) {
      port = postgres.port();
      assertTrue(postgres.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:" + port + "/"));
      try (Connection connection =
          DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE note (id integer PRIMARY KEY, body text NOT NULL)");
        }
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO note (id, body) VALUES (?, ?)")) {
          insert.setInt(1, 1);
          insert.setString(2, "hello, postgres");
          assertEquals(1, insert.executeUpdate());
        }
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT id, body FROM note")) {
          assertTrue(rows.next());
          assertEquals(1, rows.getInt("id"));
          assertEquals("hello, postgres", rows.getString("body"));
          assertFalse(rows.next());
        }
      }
      assertThrows(
          SQLException.class,
          () -> DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "wrong"),
          "TCP logins need the password");
    }
    assertFalse(accepts(port), "the server is stopped on close");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
