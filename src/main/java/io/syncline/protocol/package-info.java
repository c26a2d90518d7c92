/**
 * The wire message model: records in sealed interfaces, error and close codes; no transport code.
 */
package io.syncline.protocol;
