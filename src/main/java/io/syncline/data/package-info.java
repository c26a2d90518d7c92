/** The database: the data source definition and the persistence settings. */
package io.syncline.data;
