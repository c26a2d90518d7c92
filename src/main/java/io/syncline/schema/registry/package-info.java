/**
 * The schema registry: versions per app in the database, the broadcast after commit, socket
 * replies, the schemas stored at deployment, and schema-checked record writes.
 */
package io.syncline.schema.registry;
