/** Syncline's settings, read from MicroProfile Config ({@code syncline.*}). */
package io.syncline.config;
