/**
 * Schemas: a versioned registry per app, its compatibility rules, live broadcast on {@code
 * schema:{app}}, schemas generated for the synced JPA entities, and schema-checked record writes.
 */
package io.syncline.schema;
