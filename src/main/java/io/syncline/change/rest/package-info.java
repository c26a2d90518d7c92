/** The change feed over REST: /api/sync and /api/poll. */
package io.syncline.change.rest;
