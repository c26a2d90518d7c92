/** Synced records: the stores behind entity names, the generic JSON store, and its REST API. */
package io.syncline.store;
