/** Long polls: HTTP requests that wait for the next change on their channels. */
package io.syncline.change.poll;
