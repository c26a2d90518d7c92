/** Trimming the change log, remembering how far, so catch-up can refuse the gap. */
package io.syncline.change.pruning;
