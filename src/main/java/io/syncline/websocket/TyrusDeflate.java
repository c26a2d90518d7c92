package io.syncline.websocket;

import jakarta.websocket.Extension;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * {@code permessage-deflate} on Tyrus (Payara), which has no such extension of its own installed:
 * {@link HandshakeConfigurator} hands one of these to Tyrus for each handshake that negotiates it,
 * and Tyrus then passes every frame of that connection through it. Loaded only where Tyrus is.
 *
 * <p>Out: a whole text or binary message (one frame) of at least {@code minBytes} is compressed if
 * that makes it shorter; anything else goes as it is (RSV1 clear), which RFC 7692 allows per
 * message. In: a message with RSV1 is inflated, over as many frames as it comes in, with an
 * inflater borrowed from {@link Deflate}'s pool until its last frame. A message that does not
 * inflate, or inflates past {@code maxBytes}, is passed on still marked compressed, and Tyrus
 * closes the connection with 1002.
 */
final class TyrusDeflate implements ExtendedExtension {

  /** The inflater of a compressed message still arriving, in the connection's context. */
  private static final String INFLATING = TyrusDeflate.class.getName() + ".inflater";

  /** How many bytes the message has inflated to so far, alongside {@link #INFLATING}. */
  private static final String INFLATED = TyrusDeflate.class.getName() + ".inflated";

  private static final byte TEXT = 1;
  private static final byte BINARY = 2;
  private static final byte CONTINUATION = 0;

  private final int minBytes;
  private final int maxBytes;

  private TyrusDeflate(int minBytes, int maxBytes) {
    this.minBytes = minBytes;
    this.maxBytes = maxBytes;
  }

  /**
   * One for a connection. Its signature names no Tyrus type, so a caller loads this class (and
   * Tyrus's) only when it calls it.
   */
  static Extension create(int minBytes, int maxBytes) {
    return new TyrusDeflate(minBytes, maxBytes);
  }

  @Override
  public Frame processOutgoing(ExtensionContext context, Frame frame) {
    byte opcode = frame.getOpcode();
    if (!frame.isFin()
        || (opcode != TEXT && opcode != BINARY)
        || frame.isRsv1()
        || frame.getPayloadLength() < minBytes) {
      return frame;
    }
    byte[] compressed = Deflate.compress(frame.getPayloadData()); // a copy: nobody changes it
    if (compressed == null) {
      return frame;
    }
    return Frame.builder(frame).payloadData(compressed).rsv1(true).build();
  }

  @Override
  public Frame processIncoming(ExtensionContext context, Frame frame) {
    if (frame.isControlFrame()) {
      return frame;
    }
    Inflater inflater = (Inflater) context.getProperties().get(INFLATING);
    if (frame.isRsv1()) {
      if (frame.getOpcode() == CONTINUATION || inflater != null) {
        return frame; // RSV1 only on a message's first frame: Tyrus refuses it
      }
      inflater = Deflate.inflater();
      context.getProperties().put(INFLATING, inflater);
      context.getProperties().put(INFLATED, new int[1]);
    } else if (frame.getOpcode() != CONTINUATION || inflater == null) {
      return frame; // an uncompressed message
    }
    int[] inflated = (int[]) context.getProperties().get(INFLATED);
    ByteArrayOutputStream part = new ByteArrayOutputStream();
    try {
      Deflate.inflate(
          inflater, frame.getPayloadData(), frame.isFin(), part, maxBytes - inflated[0]);
    } catch (DataFormatException e) {
      finish(context, inflater);
      return Frame.builder(frame).rsv1(true).build();
    }
    inflated[0] += part.size();
    if (frame.isFin()) {
      finish(context, inflater);
    }
    return Frame.builder(frame).payloadData(part.toByteArray()).rsv1(false).build();
  }

  private static void finish(ExtensionContext context, Inflater inflater) {
    context.getProperties().remove(INFLATING);
    context.getProperties().remove(INFLATED);
    Deflate.release(inflater);
  }

  @Override
  public List<Parameter> onExtensionNegotiation(
      ExtensionContext context, List<Parameter> requestedParameters) {
    return Deflate.ANSWER.getParameters();
  }

  @Override
  public void onHandshakeResponse(ExtensionContext context, List<Parameter> responseParameters) {
    // server side only: nothing to do when a response arrives
  }

  @Override
  public void destroy(ExtensionContext context) {
    Inflater inflater = (Inflater) context.getProperties().get(INFLATING);
    if (inflater != null) {
      finish(context, inflater);
    }
  }

  @Override
  public String getName() {
    return Deflate.NAME;
  }

  @Override
  public List<Extension.Parameter> getParameters() {
    return Deflate.ANSWER.getParameters();
  }
}
