package io.syncline.testing;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The kit's frame builders, and a template filled by concatenation gives the frame they build. */
class FramesTest {

  private static JsonObject parse(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void builtFramesAreTheProtocolsShapes() {
    assertEquals(
        "{\"type\":\"subscribe\",\"channel\":\"entity:Doc\",\"throttle\":50}",
        Frames.subscribe("entity:Doc", "throttle", 50));
    assertEquals(
        "{\"type\":\"subscribe\",\"channels\":[\"a:1\",\"b:2\"]}",
        Frames.subscribeAll("a:1", "b:2"));
    assertEquals(
        "{\"type\":\"conflict:resolve\",\"requestId\":\"r\",\"conflictId\":\"c\","
            + "\"choice\":\"merged\",\"data\":{\"t\":\"both\"}}",
        Frames.resolve("r", "c", "merged", object("t", "both")));
    assertEquals(
        "{\"type\":\"presence:join\",\"resource\":\"doc\",\"metadata\":{\"cursor\":7}}",
        Frames.presenceJoin("doc", "metadata", object("cursor", 7)));
    assertEquals(
        "{\"type\":\"broadcast\",\"channel\":\"room:1\",\"event\":\"e\"}",
        Frames.broadcast("room:1", "e", null));
    assertEquals(
        "{\"type\":\"recovery:request\",\"requestId\":\"r\",\"payload\":"
            + "{\"lastSequenceNumber\":9,\"missingRanges\":[{\"start\":3,\"end\":4}]}}",
        Frames.recovery("r", 9, 3, 4));
    assertEquals("[\"x\",1,true,null,1.5]", array("x", 1, true, null, 1.5).toString());
  }

  @Test
  void aFilledTemplateIsTheFrameBuiltWithThoseValues() {
    Frames.Template push =
        Frames.template(
            Frames.push(
                Frames.text(2),
                Frames.text(0),
                Frames.text(1),
                "create",
                Frames.raw(3),
                "mutationId",
                Frames.text(2)));
    assertEquals(
        Frames.push("m7", "Doc", "r7", "create", object("n", 7), "mutationId", "m7"),
        push.fill("Doc", "r7", "m7", "{\"n\":7}"));

    Frames.Template sync =
        Frames.template(Frames.frame("sync", "since", Frames.raw(0), "entity", "Doc"));
    assertEquals(Frames.frame("sync", "since", 12L, "entity", "Doc"), sync.fill("12"));
  }

  @Test
  void aTextSlotIsEscapedWhenItMustBe() {
    Frames.Template template = Frames.template(Frames.ping(Frames.text(0)));
    String filled = template.fill("say \"hi\"\n");
    assertEquals("say \"hi\"\n", parse(filled).getString("requestId"));
    assertEquals(Frames.ping("say \"hi\"\n"), filled);
  }
}
