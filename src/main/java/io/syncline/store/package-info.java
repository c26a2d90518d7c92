/** Where synced records live: the store SPI, the generic JSON store, and the id grammar. */
package io.syncline.store;
