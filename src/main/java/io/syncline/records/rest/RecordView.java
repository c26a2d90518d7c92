package io.syncline.records.rest;

import io.syncline.store.StoredRecord;
import jakarta.json.JsonObject;
import java.time.Instant;

/** A record as the REST API shows it. */
public record RecordView(
    String id, long version, JsonObject data, Instant updatedAt, String updatedBy) {

  static RecordView of(StoredRecord record) {
    return new RecordView(
        record.id(),
        record.version(),
        record.data(),
        Instant.ofEpochMilli(record.updatedAt()),
        record.updatedBy());
  }
}
