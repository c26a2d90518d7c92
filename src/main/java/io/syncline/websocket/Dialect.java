package io.syncline.websocket;

import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.Inbound;
import jakarta.websocket.Session;
import java.util.List;

/** The two wire dialects over the one message model, each one encoder/decoder pair. */
public enum Dialect {
  ENVELOPE(EnvelopeEncoder.INSTANCE) {
    @Override
    Inbound decode(String text) {
      return EnvelopeDecoder.INSTANCE.decode(text);
    }
  },
  FLAT(FlatEncoder.INSTANCE) {
    @Override
    Inbound decode(String text) {
      return FlatDecoder.INSTANCE.decode(text);
    }
  };

  private final FrameEncoder encoder;

  Dialect(FrameEncoder encoder) {
    this.encoder = encoder;
  }

  FrameEncoder encoder() {
    return encoder;
  }

  /** Decodes a client frame; throws {@link io.syncline.protocol.FrameException}. */
  abstract Inbound decode(String text);

  /** The dialect asked for with {@code ?dialect=flat|envelope}, else the endpoint's default. */
  static Dialect requested(Session session, Dialect fallback) {
    List<String> values = session.getRequestParameterMap().get("dialect");
    return values == null || values.isEmpty() ? fallback : named(values.get(0), fallback);
  }

  /** {@code flat} or {@code envelope}; anything else (or null) is {@code fallback}. */
  static Dialect named(String name, Dialect fallback) {
    if (name == null) {
      return fallback;
    }
    return switch (name) {
      case "flat" -> FLAT;
      case "envelope" -> ENVELOPE;
      default -> fallback;
    };
  }
}
