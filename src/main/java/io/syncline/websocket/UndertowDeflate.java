package io.syncline.websocket;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.servlet.ServletContext;
import java.util.zip.Deflater;

/**
 * Installs Undertow's {@code permessage-deflate} for this WAR on WildFly, whose {@code undertow}
 * subsystem leaves it out by default ({@code per-message-deflate="false"}): Undertow finds this
 * class through {@code META-INF/services/io.undertow.servlet.ServletExtension} when it deploys the
 * WAR ({@code WEB-INF/jboss-deployment-structure.xml} gives the WAR Undertow's modules). Whether a
 * socket gets it is still decided per handshake by {@link HandshakeConfigurator}, which names it
 * only for an acceptable offer while {@code syncline.deflate.enabled} is on. Nothing on Payara
 * loads this class.
 *
 * <p>Undertow's extension compresses every message, and gives each connection that negotiates it a
 * deflater and an inflater of its own for as long as it is open; with the context-takeover flags
 * off (as negotiated) it resets them after each message instead of keeping a window.
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
    boolean installed =
        sockets.getExtensions().stream().anyMatch(e -> Deflate.NAME.equals(e.getName()));
    if (!installed) {
      sockets.addExtension(
          new PerMessageDeflateHandshake(false, Deflater.DEFAULT_COMPRESSION, false, false));
    }
  }
}
