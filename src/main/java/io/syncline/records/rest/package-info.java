/** The records of any entity over REST: {@code /api/entities/{entity}[/{id}]} and batches. */
package io.syncline.records.rest;
