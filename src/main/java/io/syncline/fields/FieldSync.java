package io.syncline.fields;

import io.syncline.channel.ChannelService;
import io.syncline.channel.Subscriber;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FieldConflict;
import io.syncline.protocol.FieldPushAck;
import io.syncline.protocol.FieldUpdate;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.PushFields;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.SubscribeFields;
import io.syncline.records.FieldOutcome;
import io.syncline.records.FieldWrite;
import io.syncline.records.WriteService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket's edge of field-level sync: {@code subscribe_fields} becomes subscriptions to {@code
 * fields:} channels, and a {@code push_fields} becomes a field write on the one write path, whose
 * outcome is sent back as one {@code field_conflict} per field that lost, then {@code
 * field_push_ack}.
 */
@ApplicationScoped
public class FieldSync {

  @Inject private ChannelService channels;
  @Inject private WriteService writes;

  /** Subscribes to the field changes of each named entity; read rights as for its records. */
  public void subscribe(Subscriber connection, SubscribeFields subscribe, RequestIds ids) {
    channels.subscribe(
        connection, subscribe.entities().stream().map(FieldFrames::channel).toList(), ids);
  }

  /** Applies a field push and replies to the pusher. */
  public void push(Subscriber connection, PushFields push, RequestIds ids) {
    Metrics.PUSHES.inc("fields");
    List<FieldWrite> fields = new ArrayList<>();
    for (int i = 0; i < push.fields().size(); i++) {
      FieldUpdate update = push.fields().get(i);
      boolean unset = update.action().equals("unset");
      fields.add(
          new FieldWrite(
              update.field(),
              unset ? null : update.value(),
              unset,
              epochMillis(update.timestamp(), i)));
    }
    FieldOutcome outcome = writes.writeFields(push.entity(), push.entityId(), fields);
    for (FieldOutcome.Lost lost : outcome.conflicts()) {
      FieldWrite pushed = lost.pushed();
      connection.send(
          Outbound.reply(
              new FieldConflict(
                  push.entity(),
                  push.entityId(),
                  pushed.field(),
                  lost.serverValue(),
                  Instant.ofEpochMilli(lost.serverTimestamp()),
                  pushed.unset() ? null : pushed.value(),
                  Instant.ofEpochMilli(pushed.timestamp())),
              ids));
    }
    connection.send(
        new Outbound(
            new FieldPushAck(
                push.entity(),
                push.entityId(),
                outcome.applied().size(),
                outcome.conflicts().size()),
            null,
            ids,
            outcome.version()));
  }

  /** ISO-8601 (any precision, read to the millisecond) or epoch milliseconds. */
  static long epochMillis(JsonValue timestamp, int index) {
    if (timestamp instanceof JsonNumber number && number.isIntegral()) {
      return number.longValue();
    }
    if (timestamp instanceof JsonString text) {
      try {
        return Instant.parse(text.getString()).toEpochMilli();
      } catch (DateTimeParseException e) {
        // refused below
      }
    }
    throw new ProtocolException(
        ErrorCode.BAD_MESSAGE,
        "field 'fields["
            + index
            + "].timestamp' must be ISO-8601 or epoch milliseconds, not "
            + timestamp);
  }
}
