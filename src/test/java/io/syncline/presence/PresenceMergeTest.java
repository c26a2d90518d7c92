package io.syncline.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceMergeTest {

  private static final String SEPARATOR = "\u0001";

  private static String join(String connection, String resource, String user) {
    return String.join(
        SEPARATOR, "join", resource, connection, user, "\u0000", "\u0000", "\u0000", "true");
  }

  @Test
  void afterAMergeTheNodesMembersArePutAgainUnderItsNewIdAndAnnounced() {
    Map<String, String> map = new HashMap<>();
    // what a merge left in the cluster map: the other side's member, and this node's old entry
    map.put("other/c9|doc", join("c9", "doc", "olga"));
    map.put("old/c1|doc", join("c1", "doc", "ada"));
    Map<String, String> own = new LinkedHashMap<>();
    own.put("c1|doc", join("c1", "doc", "ada"));
    own.put("c2|sheet", join("c2", "sheet", "bob"));

    List<List<String>> joins = PresenceTracker.reput(map, "old", "new", own);

    assertEquals(
        Map.of(
            "other/c9|doc", join("c9", "doc", "olga"),
            "new/c1|doc", join("c1", "doc", "ada"),
            "new/c2|sheet", join("c2", "sheet", "bob")),
        map);
    assertEquals(2, joins.size());
    assertEquals(List.of("join", "doc", "c1", "ada"), joins.get(0).subList(0, 4));
    assertEquals(List.of("join", "sheet", "c2", "bob"), joins.get(1).subList(0, 4));
    assertEquals("true", joins.get(1).get(7), "a join message the others mirror as sent at first");
  }
}
