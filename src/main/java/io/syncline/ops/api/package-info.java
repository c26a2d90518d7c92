/**
 * The machine-readable API descriptions: OpenAPI 3.1 for REST at /openapi, AsyncAPI 3 for the
 * socket at /asyncapi.
 */
package io.syncline.ops.api;
