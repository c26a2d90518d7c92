package io.syncline.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class RoomStateTest {

  @Test
  void aStateKeptInAClusterMapComesBackWhole() {
    RoomState state = new RoomState();
    state.update(Json.createObjectBuilder().add("title", "Q3").add("owner", "ada").build());
    state.create("r1", "n1", Json.createObjectBuilder().add("id", "n1").add("text", "x").build());
    state.create("r1", "n2", Json.createObjectBuilder().add("id", "n2").build());
    state.create("r2", "n3", Json.createObjectBuilder().add("id", "n3").build());

    RoomState back = RoomState.fromJson(state.toJson());

    assertEquals(state.view("c"), back.view("c"));
    assertEquals(state.toJson(), back.toJson(), "rows and components keep their order");
    back.updateNested("r1", "n1", Json.createObjectBuilder().add("text", "y").build());
    assertEquals(
        "y", back.view("c").rows().getJsonObject("r1").getJsonObject("n1").getString("text"));
  }

  @Test
  void aStampCountsTheChangesOfOneStateAndSurvivesTheClusterMap() {
    RoomState state = new RoomState();
    assertEquals(0, state.seq());
    state.stamp();
    state.stamp();
    RoomState back = RoomState.fromJson(state.toJson());
    assertEquals(2, back.seq());
    assertEquals(state.epoch(), back.epoch());
    assertFalse(back.epoch().isEmpty());
    back.stamp();
    assertEquals(3, back.seq());
    assertEquals(state.epoch(), back.epoch(), "one state keeps its epoch");
    assertNotEquals(state.epoch(), stamped().epoch(), "a state made anew has another");
  }

  private static RoomState stamped() {
    RoomState state = new RoomState();
    state.stamp();
    return state;
  }
}
