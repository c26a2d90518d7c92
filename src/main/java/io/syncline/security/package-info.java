/** Who the caller is, and what they may do on each channel. */
package io.syncline.security;
