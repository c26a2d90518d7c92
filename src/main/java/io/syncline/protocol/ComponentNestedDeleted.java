package io.syncline.protocol;

/** A {@link ComponentNestedDelete}, as the whole room (the sender too) receives it. */
@MessageType("component:nested-deleted")
public record ComponentNestedDeleted(
    String componentId, String rowId, String nestedComponentId, String deletedBy)
    implements ServerMessage {}
