/** The database: which one Syncline writes to (docs/deploy.md) and a report of it at start. */
package io.syncline.data;
