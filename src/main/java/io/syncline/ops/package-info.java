/** Operations: health checks, Prometheus metrics, API descriptions and the admin page's data. */
package io.syncline.ops;
