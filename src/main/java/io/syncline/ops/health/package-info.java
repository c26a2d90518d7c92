/**
 * Liveness and readiness checks, served as MicroProfile Health's JSON at /health/live and
 * /health/ready.
 */
package io.syncline.ops.health;
