package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Extension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class DeflateTest {

  /** An offer as a client writes it: {@code "name; a; b=1"}. */
  private static Extension offer(String text) {
    String[] parts = text.split(";");
    List<Extension.Parameter> parameters = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].trim().split("=", 2);
      parameters.add(
          new Extension.Parameter() {
            @Override
            public String getName() {
              return pair[0];
            }

            @Override
            public String getValue() {
              return pair.length > 1 ? pair[1] : null;
            }
          });
    }
    return new Extension() {
      @Override
      public String getName() {
        return parts[0].trim();
      }

      @Override
      public List<Parameter> getParameters() {
        return parameters;
      }
    };
  }

  @Test
  void theOffersBrowsersMakeAreAccepted() {
    assertTrue(Deflate.acceptable(List.of(offer("permessage-deflate"))));
    assertTrue(Deflate.acceptable(List.of(offer("permessage-deflate; client_max_window_bits"))));
    assertTrue(
        Deflate.acceptable(
            List.of(
                offer(
                    "permessage-deflate; server_no_context_takeover;"
                        + " client_no_context_takeover; client_max_window_bits=12"))));
    assertTrue(Deflate.acceptable(List.of(offer("permessage-deflate; server_max_window_bits=15"))));
  }

  @Test
  void offersItCannotHonourAreDeclined() {
    assertFalse(Deflate.acceptable(null));
    assertFalse(Deflate.acceptable(List.of()));
    assertFalse(Deflate.acceptable(List.of(offer("x-webkit-deflate-frame"))));
    assertFalse(
        Deflate.acceptable(List.of(offer("permessage-deflate; server_max_window_bits=10"))));
    assertFalse(Deflate.acceptable(List.of(offer("permessage-deflate; server_max_window_bits"))));
    assertFalse(Deflate.acceptable(List.of(offer("permessage-deflate; client_max_window_bits=7"))));
    assertFalse(Deflate.acceptable(List.of(offer("permessage-deflate; mystery"))));
    assertFalse(
        Deflate.acceptable(
            List.of(
                offer(
                    "permessage-deflate; client_no_context_takeover; client_no_context_takeover"))));
    // the next offer in the list is taken when the first cannot be
    assertTrue(
        Deflate.acceptable(
            List.of(
                offer("permessage-deflate; server_max_window_bits=10"),
                offer("permessage-deflate"))));
  }

  @Test
  void theAnswerTurnsContextTakeoverOffBothWays() {
    assertEquals("permessage-deflate", Deflate.ANSWER.getName());
    assertEquals(
        List.of("server_no_context_takeover", "client_no_context_takeover"),
        Deflate.ANSWER.getParameters().stream().map(Extension.Parameter::getName).toList());
    assertTrue(Deflate.ANSWER.getParameters().stream().allMatch(p -> p.getValue() == null));
  }

  @Test
  void aMessageCompressesAndInflatesOnItsOwn() throws DataFormatException {
    byte[] message =
        ("{\"type\":\"entity:update\",\"payload\":" + "{\"field\":\"value\"},".repeat(40) + "}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] compressed = Deflate.compress(message, 0, message.length);
    assertTrue(compressed.length < message.length / 3, compressed.length + " bytes");
    for (int round = 0; round < 3; round++) { // pooled inflaters start clean every time
      Inflater inflater = Deflate.inflater();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Deflate.inflate(inflater, compressed, true, out, 1 << 20);
      Deflate.release(inflater);
      assertArrayEquals(message, out.toByteArray());
    }
  }

  @Test
  void aRepeatedMessageGetsTheSameBytesAndANewOneItsOwn() throws DataFormatException {
    byte[] first = "{\"type\":\"broadcast\",\"n\":1}".repeat(20).getBytes(StandardCharsets.UTF_8);
    byte[] second = "{\"type\":\"broadcast\",\"n\":2}".repeat(20).getBytes(StandardCharsets.UTF_8);
    byte[] once = Deflate.compress(first.clone());
    assertArrayEquals(once, Deflate.compress(first.clone()));
    byte[] other = Deflate.compress(second.clone());
    for (byte[][] pair : new byte[][][] {{first, once}, {second, other}}) {
      Inflater inflater = Deflate.inflater();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Deflate.inflate(inflater, pair[1], true, out, 1 << 20);
      Deflate.release(inflater);
      assertArrayEquals(pair[0], out.toByteArray());
    }
  }

  @Test
  void aMessageWrittenInPartsInflatesWhole() throws DataFormatException {
    byte[] message = "{\"field\":\"value\"},".repeat(500).getBytes(StandardCharsets.UTF_8);
    java.util.zip.Deflater deflater = Deflate.deflater();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    int third = message.length / 3;
    compressed.writeBytes(Deflate.deflate(deflater, message, 0, third, false));
    compressed.writeBytes(Deflate.deflate(deflater, message, third, third, false));
    compressed.writeBytes(
        Deflate.deflate(deflater, message, 2 * third, message.length - 2 * third, true));
    Deflate.release(deflater);
    Inflater inflater = Deflate.inflater();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflate.inflate(inflater, compressed.toByteArray(), true, out, 1 << 20);
    Deflate.release(inflater);
    assertArrayEquals(message, out.toByteArray());
  }

  @Test
  void aMessageThatDoesNotShrinkIsLeftAlone() {
    byte[] noise = new byte[64];
    new java.util.Random(7).nextBytes(noise);
    assertNull(Deflate.compress(noise, 0, noise.length));
  }

  @Test
  void inflatingStopsAtTheLimit() {
    byte[] message = "a".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    byte[] compressed = Deflate.compress(message, 0, message.length);
    Inflater inflater = Deflate.inflater();
    try {
      assertThrows(
          DataFormatException.class,
          () -> Deflate.inflate(inflater, compressed, true, new ByteArrayOutputStream(), 65_536));
    } finally {
      Deflate.release(inflater);
    }
  }
}
