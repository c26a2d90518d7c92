package io.syncline.component;

import io.syncline.channel.ChannelManager;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ComponentCursor;
import io.syncline.protocol.ComponentCursorMoved;
import io.syncline.protocol.ComponentNestedCreate;
import io.syncline.protocol.ComponentNestedCreated;
import io.syncline.protocol.ComponentNestedDelete;
import io.syncline.protocol.ComponentNestedDeleted;
import io.syncline.protocol.ComponentNestedUpdate;
import io.syncline.protocol.ComponentNestedUpdated;
import io.syncline.protocol.ComponentState;
import io.syncline.protocol.ComponentTyped;
import io.syncline.protocol.ComponentTyping;
import io.syncline.protocol.ComponentUpdate;
import io.syncline.protocol.ComponentUpdated;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.ServerMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Seed 001's component rooms ({@code component:{id}} channels): members change the room's shared
 * state, and late joiners get it on subscribing ({@code component:state}), before any change made
 * after it: a subscriber is {@link #expect expected} until its state is sent, and changes are
 * applied and sent under the room's lock. Updates and typing go to the other members, nested
 * creates and deletes to all of them. Only a member may change a room. States are kept in memory on
 * this node, the least recently used dropped past {@code syncline.rooms.max-kept}.
 */
@ApplicationScoped
public class ComponentRooms {

  @Inject private ChannelManager channels;
  @Inject private ComponentSettings settings;

  private Map<String, RoomState> states;
  private final Map<String, Set<String>> joining = new ConcurrentHashMap<>();

  private synchronized Map<String, RoomState> states() {
    if (states == null) {
      int kept = settings.maxKept();
      states =
          Collections.synchronizedMap(
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RoomState> eldest) {
                  return size() > kept;
                }
              });
    }
    return states;
  }

  /** Refuses a subscription that would take a room past its member cap. */
  public void checkRoom(Subscriber connection, String channel) {
    if (!channels.isSubscribed(connection, channel)
        && channels.subscribers(channel).size() >= settings.maxMembers()) {
      throw new ProtocolException(
          ErrorCode.LIMIT_EXCEEDED,
          "room '" + channel + "' is full (" + settings.maxMembers() + " members)");
    }
  }

  /** Call before subscribing a connection to a room: it is sent nothing until {@link #joined}. */
  public void expect(Subscriber connection, String channel) {
    joining
        .computeIfAbsent(ChannelName.parse(channel).id(), id -> ConcurrentHashMap.newKeySet())
        .add(connection.id());
  }

  /** An expected connection that did not subscribe after all. */
  public void forget(Subscriber connection, String channel) {
    String componentId = ChannelName.parse(channel).id();
    joining.computeIfPresent(
        componentId,
        (id, connections) -> {
          connections.remove(connection.id());
          return connections.isEmpty() ? null : connections;
        });
  }

  /**
   * A connection subscribed to the room: it is told the room's state, if the room has one, before
   * any change made after it.
   */
  public void joined(Subscriber connection, String channel, Consumer<ComponentState> tell) {
    String componentId = ChannelName.parse(channel).id();
    RoomState state = states().get(componentId);
    if (state == null) {
      synchronized (this) {
        state = states().computeIfAbsent(componentId, id -> new RoomState());
      }
    }
    synchronized (state) {
      if (!state.isEmpty()) {
        tell.accept(state.view(componentId));
      }
      forget(connection, channel);
    }
  }

  public void update(Subscriber sender, ComponentUpdate update) {
    change(
        sender,
        update.componentId(),
        state -> {
          state.update(update.updates());
          return state;
        },
        () ->
            toOthers(
                sender,
                update.componentId(),
                new ComponentUpdated(
                    update.componentId(), update.updates(), sender.userId(), Instant.now())));
  }

  public void updateNested(Subscriber sender, ComponentNestedUpdate update) {
    change(
        sender,
        update.componentId(),
        state -> {
          if (!state.updateNested(update.rowId(), update.nestedComponentId(), update.updates())) {
            throw notFound(update.rowId(), update.nestedComponentId());
          }
          return state;
        },
        () ->
            toOthers(
                sender,
                update.componentId(),
                new ComponentNestedUpdated(
                    update.componentId(),
                    update.rowId(),
                    update.nestedComponentId(),
                    update.updates(),
                    sender.userId(),
                    Instant.now())));
  }

  public void create(Subscriber sender, ComponentNestedCreate create) {
    if (!(create.nestedComponent().get("id") instanceof JsonString id)
        || id.getString().isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "nestedComponent.id is required");
    }
    change(
        sender,
        create.componentId(),
        state -> {
          state.create(create.rowId(), id.getString(), create.nestedComponent());
          return state;
        },
        () ->
            toAll(
                create.componentId(),
                new ComponentNestedCreated(
                    create.componentId(),
                    create.rowId(),
                    create.nestedComponent(),
                    sender.userId())));
  }

  public void delete(Subscriber sender, ComponentNestedDelete delete) {
    change(
        sender,
        delete.componentId(),
        state -> {
          if (!state.delete(delete.rowId(), delete.nestedComponentId())) {
            throw notFound(delete.rowId(), delete.nestedComponentId());
          }
          return state;
        },
        () ->
            toAll(
                delete.componentId(),
                new ComponentNestedDeleted(
                    delete.componentId(),
                    delete.rowId(),
                    delete.nestedComponentId(),
                    sender.userId())));
  }

  public void typing(Subscriber sender, ComponentTyping typing) {
    member(sender, typing.componentId());
    toOthers(
        sender,
        typing.componentId(),
        new ComponentTyped(typing.componentId(), sender.userId(), email(sender)));
  }

  public void cursor(Subscriber sender, ComponentCursor cursor) {
    member(sender, cursor.componentId());
    toOthers(
        sender,
        cursor.componentId(),
        new ComponentCursorMoved(
            cursor.componentId(), sender.userId(), email(sender), cursor.position()));
  }

  /**
   * Applies a change to a copy of the room's state and keeps it if it stays under the size cap (a
   * refused change leaves the state as it was), then tells the members, under the room's lock.
   */
  private void change(
      Subscriber sender, String componentId, UnaryOperator<RoomState> change, Runnable tell) {
    member(sender, componentId);
    RoomState state = states().computeIfAbsent(componentId, id -> new RoomState());
    synchronized (state) {
      RoomState next = change.apply(state.copy());
      if (next.size() > settings.maxStateBytes()) {
        throw new ProtocolException(
            ErrorCode.LIMIT_EXCEEDED,
            "component '" + componentId + "' would exceed " + settings.maxStateBytes() + " bytes");
      }
      state.become(next);
      tell.run();
    }
  }

  private void member(Subscriber sender, String componentId) {
    String channel = room(componentId);
    if (!channels.isSubscribed(sender, channel)) {
      throw new ProtocolException(
          ErrorCode.FORBIDDEN, "subscribe to '" + channel + "' before changing it");
    }
  }

  private void toOthers(Subscriber sender, String componentId, ServerMessage message) {
    String channel = room(componentId);
    channels.publish(
        channel,
        new Outbound(message, channel, RequestIds.NONE, null),
        subscriber -> subscriber != sender && !isJoining(componentId, subscriber));
  }

  private void toAll(String componentId, ServerMessage message) {
    String channel = room(componentId);
    channels.publish(
        channel,
        new Outbound(message, channel, RequestIds.NONE, null),
        subscriber -> !isJoining(componentId, subscriber));
  }

  private boolean isJoining(String componentId, Subscriber subscriber) {
    Set<String> connections = joining.get(componentId);
    return connections != null && connections.contains(subscriber.id());
  }

  private static String room(String componentId) {
    return ChannelName.parse(ChannelName.of(ChannelName.Kind.COMPONENT, componentId)).value();
  }

  private static String email(Subscriber sender) {
    return sender.caller() == null ? null : sender.caller().email();
  }

  private static ProtocolException notFound(String rowId, String nestedId) {
    return new ProtocolException(
        ErrorCode.NOT_FOUND, "row '" + rowId + "' has no component '" + nestedId + "'");
  }
}
