/** {@code /api/schemas}: the registry over HTTP, and how its refusals answer. */
package io.syncline.schema.rest;
