/** The change feed: the durable change log, its gap-free versions, ordered fan-out and catch-up. */
package io.syncline.change;
