package io.syncline.data;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's data source. Its driver, URL and credentials come from MicroProfile Config
 * ({@code syncline.db.*}, defaults in {@code META-INF/microprofile-config.properties}: an in-memory
 * H2), so PostgreSQL is chosen by configuration alone; see docs/database.md.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/syncline",
    className = "${MPCONFIG=syncline.db.datasource-class}",
    url = "${MPCONFIG=syncline.db.url}",
    user = "${MPCONFIG=syncline.db.user}",
    password = "${MPCONFIG=syncline.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    transactional = true)
@ApplicationScoped
public class SynclineDataSource {}
