package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.core.MaskingKeyGenerator;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.frame.Frame;
import org.glassfish.tyrus.core.frame.TextFrame;
import org.junit.jupiter.api.Test;

/**
 * The frames {@link GrizzlyWire} writes are the bytes Tyrus's own server-side framing gives the
 * same text, for every length encoding, and one broadcast's text is framed once per thread.
 */
class TextFramesTest {

  private static ProtocolHandler handler(boolean client) throws ReflectiveOperationException {
    Constructor<ProtocolHandler> constructor =
        ProtocolHandler.class.getDeclaredConstructor(boolean.class, MaskingKeyGenerator.class);
    constructor.setAccessible(true);
    return constructor.newInstance(client, null);
  }

  /** What Tyrus writes for {@code text} as a server: one final text frame, unmasked. */
  private static byte[] tyrus(String text) throws ReflectiveOperationException {
    Method frame = ProtocolHandler.class.getDeclaredMethod("frame", Frame.class);
    frame.setAccessible(true);
    ByteBuffer bytes = (ByteBuffer) frame.invoke(handler(false), new TextFrame(text, false, true));
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    return array;
  }

  @Test
  void framesAreTyrusesBytesForEveryLengthEncoding() throws Exception {
    // 7-bit lengths up to 125, 16-bit up to 65,535, 64-bit beyond; and multi-byte UTF-8
    for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 300_000}) {
      String text = "x".repeat(length);
      assertArrayEquals(tyrus(text), TextFrames.encode(text), "length " + length);
    }
    String accents = "{\"name\":\"Zoë – 東京 🚀\"}".repeat(20);
    assertArrayEquals(tyrus(accents), TextFrames.encode(accents));
  }

  @Test
  void aClientReadsBackTheText() throws Exception {
    String text = "{\"type\":\"entity:updated\",\"data\":{\"title\":\"ü\"}}".repeat(3000);
    Frame frame = handler(true).unframe(ByteBuffer.wrap(TextFrames.encode(text)));
    assertEquals(text, new TextFrame(frame, null).getTextPayload());
  }

  @Test
  void theSameTextInARowIsFramedOnce() {
    String broadcast = new String("{\"type\":\"broadcast\",\"event\":\"tick\"}");
    byte[] first = TextFrames.of(broadcast);
    assertSame(first, TextFrames.of(broadcast));
    // an equal but distinct text (another connection's reply) gets its own frame
    byte[] other = TextFrames.of(new String(broadcast));
    assertNotSame(first, other);
    assertArrayEquals(first, other);
  }

  @Test
  void aLongTextIsNotKept() {
    // a packed backlog is one connection's own: keeping it would only hold memory on the thread
    String packed = "y".repeat(TextFrames.KEPT_CHARS + 1);
    byte[] first = TextFrames.of(packed);
    assertNotSame(first, TextFrames.of(packed));
    assertArrayEquals(first, TextFrames.of(packed));
  }
}
