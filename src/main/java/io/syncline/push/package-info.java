/** Client writes over the socket: push with acks, idempotent retries, conflicts and strategies. */
package io.syncline.push;
