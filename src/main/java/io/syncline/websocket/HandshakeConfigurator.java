package io.syncline.websocket;

import io.syncline.config.AllowedOrigins;
import io.syncline.config.SynclineConfig;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads what the handshake brings for the connection: a token (the {@code Authorization: Bearer}
 * header, the {@code access_token} parameter, or a JWT offered as a subprotocol beside {@code
 * jwt}), and whether its {@code Origin} may open a socket here. The verdicts go to the session's
 * user properties; the connection handler acts on them when the socket opens. It also answers a
 * {@code permessage-deflate} offer ({@link #getNegotiatedExtensions}).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

  static final String TOKEN = "syncline.token";
  static final String FOREIGN_ORIGIN = "syncline.foreign-origin";
  static final String LOCALE = "syncline.locale";
  static final String WIRE = "syncline.wire";

  /** Tyrus (Payara): it is handed a {@link TyrusDeflate} for {@code permessage-deflate}. */
  static final boolean TYRUS = present("org.glassfish.tyrus.core.extension.ExtendedExtension");

  /**
   * Undertow (WildFly): {@code UndertowDeflate} installed its {@code permessage-deflate}, which
   * Undertow finds by the name of the extension chosen here.
   */
  private static final boolean UNDERTOW =
      present("io.undertow.websockets.extensions.PerMessageDeflateHandshake");

  /** One instance per endpoint class, shared by its connections (the endpoints are stateless). */
  private static final ConcurrentMap<Class<?>, Object> ENDPOINTS = new ConcurrentHashMap<>();

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    Object endpoint = ENDPOINTS.get(endpointClass);
    if (endpoint == null) {
      try {
        endpoint = endpointClass.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        InstantiationException failure = new InstantiationException(endpointClass.getName());
        failure.initCause(e);
        throw failure;
      }
      Object raced = ENDPOINTS.putIfAbsent(endpointClass, endpoint);
      endpoint = raced == null ? endpoint : raced;
    }
    return endpointClass.cast(endpoint);
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    GrizzlyWire wire = WireFilter.take();
    if (wire != null) {
      config.getUserProperties().put(WIRE, wire);
    }
    String token = token(request);
    if (token != null) {
      config.getUserProperties().put(TOKEN, token);
    }
    config.getUserProperties().put(LOCALE, locale(header(request.getHeaders(), "Accept-Language")));
    String origin = header(request.getHeaders(), "Origin");
    if (origin != null && !originAllowed(origin, header(request.getHeaders(), "Host"))) {
      config.getUserProperties().put(FOREIGN_ORIGIN, origin);
    }
  }

  /**
   * {@code permessage-deflate} when the client offers it in a form this server accepts ({@link
   * Deflate#acceptable}) and {@code syncline.deflate.enabled} is on, answered with {@code
   * server_no_context_takeover; client_no_context_takeover}; no other extension. On a container
   * other than Tyrus or Undertow only if that container has it installed.
   */
  @Override
  public List<Extension> getNegotiatedExtensions(
      List<Extension> installed, List<Extension> requested) {
    if (!Deflate.acceptable(requested)) {
      return List.of();
    }
    SynclineConfig config = CDI.current().select(SynclineConfig.class).get();
    if (!config.deflateEnabled()) {
      return List.of();
    }
    if (TYRUS) {
      // the same bound the container puts on an uncompressed message (ConnectionHandler)
      return List.of(TyrusDeflate.create(config.deflateMinBytes(), config.maxMessageBytes()));
    }
    boolean installedHere =
        installed.stream().anyMatch(extension -> Deflate.NAME.equals(extension.getName()));
    return UNDERTOW || installedHere ? List.of(Deflate.ANSWER) : List.of();
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, HandshakeConfigurator.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    // a browser passes its token as a subprotocol beside "jwt"; answer with "jwt", never the token
    return requested.contains("jwt") ? "jwt" : super.getNegotiatedSubprotocol(supported, requested);
  }

  private static String token(HandshakeRequest request) {
    String authorization = header(request.getHeaders(), "Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    List<String> parameter = request.getParameterMap().get("access_token");
    if (parameter != null && !parameter.isEmpty()) {
      return parameter.get(0);
    }
    List<String> protocols = request.getHeaders().get("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String header : protocols) {
        for (String protocol : header.split(",")) {
          String value = protocol.trim();
          if (value.chars().filter(c -> c == '.').count() == 2) {
            return value;
          }
        }
      }
    }
    return null;
  }

  /**
   * An origin in {@code syncline.origins.allowed} (comma-separated, {@code *} for any), or, when
   * none are configured, the server's own host.
   */
  public static boolean originAllowed(String origin, String host) {
    if (AllowedOrigins.configured()) {
      return AllowedOrigins.lists(origin);
    }
    try {
      return host != null && host.equalsIgnoreCase(URI.create(origin).getAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The first language of an {@code Accept-Language} header; English without one. */
  public static Locale locale(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      return Locale.LanguageRange.parse(acceptLanguage).stream()
          .map(Locale.LanguageRange::getRange)
          .filter(range -> !range.startsWith("*"))
          .findFirst()
          .map(Locale::forLanguageTag)
          .orElse(Locale.ENGLISH);
    } catch (IllegalArgumentException e) {
      return Locale.ENGLISH;
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return null;
  }
}
