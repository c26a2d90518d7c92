package io.syncline.websocket;

import io.syncline.config.SynclineConfig;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.websockets.WebSocketExtension;
import io.undertow.websockets.core.StreamSinkFrameChannel;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.extensions.ExtensionFunction;
import io.undertow.websockets.extensions.ExtensionHandshake;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * {@code permessage-deflate} on Undertow (WildFly), whose {@code undertow} subsystem leaves its own
 * out by default ({@code per-message-deflate="false"}). Undertow finds this class through {@code
 * META-INF/services/io.undertow.servlet.ServletExtension} when it deploys the WAR ({@code
 * WEB-INF/jboss-deployment-structure.xml} gives the WAR Undertow's modules) and it installs its
 * extension for the WAR's sockets. Whether a socket gets it is still decided per handshake by
 * {@link HandshakeConfigurator}, which names it only for an acceptable offer while {@code
 * syncline.deflate.enabled} is on. Nothing on Payara loads this class.
 *
 * <p>Not Undertow's own {@code PerMessageDeflateFunction}: that one keeps a deflater and an
 * inflater (about 300 KB of zlib state once used) for every connection for as long as it is open.
 * This one borrows them from {@link Deflate}'s shared pool for one message and gives them back at
 * its end, so an idle connection holds none; and a whole message written in one piece goes through
 * {@link Deflate#deflate(byte[])}, which compresses a fan-out's text once per thread. Undertow
 * decides RSV1 before it sees the message, so every message is compressed, however small.
 */
public final class UndertowDeflate implements ServletExtension {

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
    Object info =
        deployment.getServletContextAttributes().get(WebSocketDeploymentInfo.ATTRIBUTE_NAME);
    if (!(info instanceof WebSocketDeploymentInfo)) {
      return;
    }
    WebSocketDeploymentInfo sockets = (WebSocketDeploymentInfo) info;
    sockets.getExtensions().removeIf(e -> Deflate.NAME.equals(e.getName()));
    sockets.addExtension(new Handshake());
  }

  /** Accepts what {@link HandshakeConfigurator} chose: no context takeover either way. */
  static final class Handshake implements ExtensionHandshake {

    @Override
    public String getName() {
      return Deflate.NAME;
    }

    @Override
    public WebSocketExtension accept(WebSocketExtension extension) {
      if (extension == null || !Deflate.NAME.equals(extension.getName())) {
        return null;
      }
      List<WebSocketExtension.Parameter> parameters = new ArrayList<>();
      parameters.add(new WebSocketExtension.Parameter(Deflate.SERVER_NO_CONTEXT_TAKEOVER, null));
      parameters.add(new WebSocketExtension.Parameter(Deflate.CLIENT_NO_CONTEXT_TAKEOVER, null));
      return new WebSocketExtension(Deflate.NAME, parameters);
    }

    @Override
    public boolean isIncompatible(List<ExtensionHandshake> extensions) {
      return extensions.stream().anyMatch(e -> Deflate.NAME.equals(e.getName()));
    }

    @Override
    public ExtensionFunction create() {
      return new Function(CDI.current().select(SynclineConfig.class).get().maxMessageBytes());
    }
  }

  /** One connection's compression: zlib state only while a message is on its way. */
  static final class Function implements ExtensionFunction {

    private final int maxBytes;
    private Deflater deflater;
    private Inflater inflater;
    private StreamSourceFrameChannel reading;
    private int inflated; // bytes of the message being read so far

    Function(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public boolean hasExtensionOpCode() {
      return false;
    }

    @Override
    public int writeRsv(int rsv) {
      return rsv | RSV1;
    }

    @Override
    public synchronized PooledByteBuffer transformForWrite(
        PooledByteBuffer pooled, StreamSinkFrameChannel channel, boolean lastFrame)
        throws IOException {
      byte[] part;
      try {
        ByteBuffer buffer = pooled.getBuffer();
        part = new byte[buffer.remaining()];
        buffer.get(part);
      } finally {
        pooled.close();
      }
      byte[] compressed;
      if (lastFrame && deflater == null) {
        compressed = Deflate.deflate(part); // a whole message: shared by a fan-out
      } else {
        if (deflater == null) {
          deflater = Deflate.deflater();
        }
        compressed = Deflate.deflate(deflater, part, 0, part.length, lastFrame);
        if (lastFrame) {
          Deflate.release(deflater);
          deflater = null;
        }
      }
      return new ImmediatePooledByteBuffer(ByteBuffer.wrap(compressed));
    }

    @Override
    public synchronized PooledByteBuffer transformForRead(
        PooledByteBuffer pooled, StreamSourceFrameChannel channel, boolean lastFragmentOfMessage)
        throws IOException {
      if ((channel.getRsv() & RSV1) == 0) {
        return pooled; // an uncompressed message
      }
      if (reading != null && reading != channel && inflater != null) {
        // a message that ended without its last fragment
        Deflate.release(inflater);
        inflater = null;
      }
      byte[] part;
      try {
        ByteBuffer buffer = pooled.getBuffer();
        part = new byte[buffer.remaining()];
        buffer.get(part);
      } finally {
        pooled.close();
      }
      if (inflater == null) {
        inflater = Deflate.inflater();
        inflated = 0;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, part.length * 3));
      try {
        // bounded here, as it grows: a small compressed frame can inflate a thousandfold
        Deflate.inflate(inflater, part, lastFragmentOfMessage, out, maxBytes - inflated);
        inflated += out.size();
      } catch (DataFormatException e) {
        Deflate.release(inflater);
        inflater = null;
        reading = null;
        throw new IOException("a compressed message that does not inflate", e);
      }
      if (lastFragmentOfMessage) {
        Deflate.release(inflater);
        inflater = null;
        reading = null;
      } else {
        reading = channel;
      }
      return new ImmediatePooledByteBuffer(ByteBuffer.wrap(out.toByteArray()));
    }

    @Override
    public synchronized void dispose() {
      if (deflater != null) {
        Deflate.release(deflater);
        deflater = null;
      }
      if (inflater != null) {
        Deflate.release(inflater);
        inflater = null;
      }
    }
  }
}
