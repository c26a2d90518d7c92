/**
 * Schemas (seed 000): what a schema of each type must look like, the compatibility modes, the rules
 * a record's fields are checked with, and a stored version. No container code: the registry is in
 * {@code registry}, its REST API in {@code rest}.
 */
package io.syncline.schema;
