package io.syncline.change;

import io.syncline.protocol.ChangeData;

/** CDI event: a change has committed; fired once per change, in version order. */
public record EntityChanged(ChangeData change) {}
