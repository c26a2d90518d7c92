package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.protocol.MessageTypes;
import org.junit.jupiter.api.Test;

/** The warm-up's frames are ones a client sends: each decodes, so each path is really warmed. */
class CodecWarmUpTest {

  @Test
  void everyWarmUpRequestDecodesInItsDialect() throws Exception {
    for (String frame : CodecWarmUp.ENVELOPE_REQUESTS) {
      assertEquals(
          frame.substring(9, frame.indexOf('"', 9)),
          MessageTypes.nameOf(EnvelopeDecoder.INSTANCE.decode(frame).message().getClass()),
          frame);
    }
    for (String frame : CodecWarmUp.FLAT_REQUESTS) {
      assertEquals(
          frame.substring(9, frame.indexOf('"', 9)),
          MessageTypes.nameOf(FlatDecoder.INSTANCE.decode(frame).message().getClass()),
          frame);
    }
    assertDoesNotThrow(CodecWarmUp::warmUp);
  }
}
