package io.syncline.store;

import jakarta.json.JsonObject;

/** A record as a store holds it: its id, the version of its latest change, and its data. */
public record StoredRecord(
    String id, long version, JsonObject data, long updatedAt, String updatedBy) {}
