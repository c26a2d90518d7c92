/**
 * Forms: named sets of fields with constraints (Bean Validation), validated over the socket and
 * HTTP, and checking every write to the entity of the same name.
 */
package io.syncline.forms;
