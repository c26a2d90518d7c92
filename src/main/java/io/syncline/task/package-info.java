/** The Task entity: an application-defined JPA entity that joins the change feed. */
package io.syncline.task;
