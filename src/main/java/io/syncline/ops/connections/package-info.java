/**
 * The live socket connections as operators see them: endpoint, dialect, age and frame counts, with
 * their open, refusal and close logged.
 */
package io.syncline.ops.connections;
