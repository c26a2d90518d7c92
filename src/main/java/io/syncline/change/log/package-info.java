/**
 * The change log: each committed change stored with its gap-free version, in the writer's
 * transaction.
 */
package io.syncline.change.log;
