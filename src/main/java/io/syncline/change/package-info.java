/** The change feed, one concern per sub-package: log, sequencer, catchup, poll, pruning, rest. */
package io.syncline.change;
