package io.syncline.records.rest;

import java.util.List;

/**
 * A page of records. {@code version} is the feed version the page is at least as new as: subscribe,
 * then apply only changes newer than each record's own {@code version}.
 */
public record RecordPage(List<RecordView> items, long version, int offset, int limit) {}
