/** The JAX-RS application and what every resource shares: errors as JSON with a code. */
package io.syncline.rest;
