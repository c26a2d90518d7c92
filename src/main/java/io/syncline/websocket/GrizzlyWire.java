package io.syncline.websocket;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes a socket's text frames straight to its Grizzly connection's write queue (Payara,
 * GlassFish), below Tyrus and the servlet output stream.
 *
 * <p>Each frame Tyrus sends goes through its frame encoder, the upgraded servlet response's output
 * buffer (a copy) and Grizzly's filter chain, to the transport's asynchronous write queue. A frame
 * written here is encoded once for every socket that gets the same text ({@link TextFrames}) and
 * handed to that write queue directly, which writes it at once when nothing is queued ahead of it;
 * its completion says when the socket took the whole frame. Control frames (pings, pongs, close)
 * still go through Tyrus, into the same queue, which writes every frame whole, in the order frames
 * reach it; while the queue is over its limit Tyrus holds its own frames back, so they can fall
 * behind later text frames (a late ping only makes the send window more cautious).
 *
 * <p>It also closes a request's connection outright, for {@link StaleResponseFilter}.
 *
 * <p>Used only for a connection over plain TCP (not TLS, whose bytes the filter chain encrypts)
 * without {@code permessage-deflate}; everything it needs from the container is public API, reached
 * reflectively, so the WAR depends on nothing of Payara's. One write may be in flight at a time
 * (the connection's send queue sees to that).
 */
final class GrizzlyWire {

  private static final Logger LOG = Logger.getLogger(GrizzlyWire.class.getName());

  /** Logged once, when the first socket's transport takes its wire. */
  static final String IN_USE = "Text frames are written below Tyrus, to Grizzly's write queue";

  private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

  /** Logged once, when the first attempt to find a wire failed; frames then go through Tyrus. */
  static final String NOT_FOUND =
      "Frames go through Tyrus: the Grizzly connection below the socket was not found";

  /**
   * Grizzly's switch for blocking HTTP output: with it on, Tyrus's own frames (pings, pongs, close)
   * bypass the write queue, so they could land inside a frame written here.
   */
  static final String BLOCKING_OUTPUT = "org.glassfish.grizzly.http.io.OutputBuffer.isBlocking";

  /** The container's classes, resolved from the first connection; null once that failed. */
  private static volatile Grizzly grizzly;

  private static volatile boolean unavailable;

  /**
   * The public methods {@link #of} and {@link #close} call, found once per class: looking one up
   * cost about as much as the rest of finding a connection's wire.
   */
  private static final ClassValue<Map<String, Method>> METHODS =
      new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private static final VarHandle PENDING;

  static {
    try {
      PENDING = MethodHandles.lookup().findVarHandle(GrizzlyWire.class, "pending", Consumer.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Object connection;
  private final Object writer;
  private final Object memoryManager;
  private final Object handler;
  private final Grizzly api;

  /** The completion of the write in flight; taken by whichever outcome comes first. */
  @SuppressWarnings("unused") // through PENDING
  private volatile Consumer<Throwable> pending;

  private GrizzlyWire(Grizzly api, Object connection, Object writer, Object memoryManager) {
    this.api = api;
    this.connection = connection;
    this.writer = writer;
    this.memoryManager = memoryManager;
    this.handler =
        Proxy.newProxyInstance(
            api.completionHandler.getClassLoader(),
            new Class<?>[] {api.completionHandler},
            new Completion(this));
  }

  /**
   * The wire of the connection {@code request} (a handshake's, wrapped or not) arrived on, or null:
   * another container, a TLS connection, an unexpected Grizzly, or a request that has already lost
   * its connection.
   */
  static GrizzlyWire of(ServletRequest request) {
    Object servletRequest = payaraRequest(request);
    return unavailable || Boolean.getBoolean(BLOCKING_OUTPUT) || servletRequest == null
        ? null
        : find(servletRequest);
  }

  /** Payara's request facade under {@code request}'s wrappers, or null on another container. */
  private static Object payaraRequest(ServletRequest request) {
    ServletRequest r = request;
    while (r instanceof ServletRequestWrapper wrapper) {
      r = wrapper.getRequest();
    }
    return r.getClass().getName().startsWith("org.apache.catalina.") ? r : null;
  }

  /** {@link #of} without the container check. */
  static GrizzlyWire find(Object servletRequest) {
    Object connection;
    try {
      connection = plainConnection(servletRequest);
    } catch (InvocationTargetException e) {
      // a getter failed on a request that another thread was recycling meanwhile
      LOG.log(Level.FINE, "No wire for this socket: frames go through Tyrus", e);
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return switchedOff(e);
    }
    if (connection == null) {
      return null;
    }
    try {
      Object transport = call(connection, "getTransport");
      Object writer = method(transport, "getWriter", boolean.class).invoke(transport, false);
      Object memoryManager = call(transport, "getMemoryManager");
      Grizzly api = grizzly;
      if (api == null) {
        api = new Grizzly(connection.getClass().getClassLoader());
        grizzly = api;
      }
      return new GrizzlyWire(api, connection, writer, memoryManager);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return switchedOff(e);
    }
  }

  /**
   * Grizzly's connection under a plain-TCP request, or null: a TLS connection, or a request Grizzly
   * has already recycled, its socket closed while the request was dispatched (met in CI: a socket
   * closed with 1008 on one thread while another read the client's next frames).
   */
  private static Object plainConnection(Object servletRequest) throws ReflectiveOperationException {
    Object request = grizzlyRequest(servletRequest);
    if (request == null || (Boolean) call(request, "isSecure")) {
      return null;
    }
    return connection(request);
  }

  /** Grizzly's request under Payara's request facade, or null once recycled. */
  private static Object grizzlyRequest(Object servletRequest) throws ReflectiveOperationException {
    Object catalina = call(servletRequest, "getUnwrappedCoyoteRequest");
    return catalina == null ? null : call(catalina, "getCoyoteRequest");
  }

  /** The connection, TLS or not, of Grizzly's {@code request}, or null once recycled. */
  private static Object connection(Object request) throws ReflectiveOperationException {
    Object packet = call(request, "getRequest");
    return packet == null ? null : call(packet, "getConnection");
  }

  /**
   * Closes the Grizzly connection {@code request} (wrapped or not) arrived on, at once and without
   * writing; false when there is none to close (another container, or a request that has already
   * lost its connection).
   */
  static boolean close(ServletRequest request) {
    Object servletRequest = payaraRequest(request);
    return servletRequest != null && closeBelow(servletRequest);
  }

  /** {@link #close} without the container check. */
  static boolean closeBelow(Object servletRequest) {
    try {
      Object request = grizzlyRequest(servletRequest);
      Object connection = request == null ? null : connection(request);
      if (connection == null) {
        return false;
      }
      call(connection, "closeSilently");
      return true;
    } catch (InvocationTargetException e) {
      // a getter failed on a request that another thread was recycling meanwhile
      LOG.log(Level.FINE, "No connection to close below this request", e);
      return false;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "The connection below a request could not be closed", e);
      return false;
    }
  }

  /** A lookup that failed for a reason other than this request: Tyrus sends for every socket. */
  private static GrizzlyWire switchedOff(Throwable failure) {
    unavailable = true;
    LOG.log(Level.WARNING, NOT_FOUND, failure);
    return null;
  }

  /** Says once that frames go this way, as the first socket's transport takes its wire. */
  void inUse() {
    if (ANNOUNCED.compareAndSet(false, true)) {
      LOG.info(IN_USE);
    }
  }

  /**
   * Writes {@code frame} (a whole WebSocket frame); {@code done} runs with null once the socket
   * took all of it, or with the failure.
   */
  void write(byte[] frame, Consumer<Throwable> done) {
    pending = done;
    try {
      Object buffer = (Object) api.wrap.invokeExact(memoryManager, frame);
      api.write.invokeExact(writer, connection, buffer, handler);
    } catch (Throwable e) {
      complete(e);
    }
  }

  private void complete(Throwable failure) {
    @SuppressWarnings("unchecked")
    Consumer<Throwable> done = (Consumer<Throwable>) PENDING.getAndSet(this, null);
    if (done != null) {
      done.accept(failure);
    }
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    return method(target, method).invoke(target);
  }

  /** False once finding a wire failed for a reason other than its request: Tyrus sends. */
  static boolean available() {
    return !unavailable;
  }

  /** The public method of the target's class with that name and these parameters. */
  private static Method method(Object target, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    String signature = parameters.length == 0 ? name : name + Arrays.toString(parameters);
    Map<String, Method> known = METHODS.get(target.getClass());
    Method method = known.get(signature);
    if (method == null) {
      method = target.getClass().getMethod(name, parameters);
      known.put(signature, method);
    }
    return method;
  }

  /** Grizzly's completion handler of a write, as a proxy. */
  private record Completion(GrizzlyWire wire) implements InvocationHandler {

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "completed" -> wire.complete(null);
        case "failed" -> wire.complete((Throwable) args[0]);
        case "cancelled" -> wire.complete(new CancellationException("write cancelled"));
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "GrizzlyWire.Completion";
        }
        default -> {
          // updated: part of the frame written
        }
      }
      return null;
    }
  }

  /** The Grizzly types and the two calls a write makes, resolved once. */
  private static final class Grizzly {
    final Class<?> completionHandler;
    final MethodHandle wrap;
    final MethodHandle write;

    Grizzly(ClassLoader loader) throws ReflectiveOperationException {
      Class<?> memoryManager =
          Class.forName("org.glassfish.grizzly.memory.MemoryManager", false, loader);
      Class<?> buffers = Class.forName("org.glassfish.grizzly.memory.Buffers", false, loader);
      Class<?> writer = Class.forName("org.glassfish.grizzly.Writer", false, loader);
      Class<?> connection = Class.forName("org.glassfish.grizzly.Connection", false, loader);
      Class<?> message =
          Class.forName("org.glassfish.grizzly.asyncqueue.WritableMessage", false, loader);
      completionHandler = Class.forName("org.glassfish.grizzly.CompletionHandler", false, loader);
      Class<?> buffer = Class.forName("org.glassfish.grizzly.Buffer", false, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      wrap =
          lookup
              .findStatic(
                  buffers, "wrap", MethodType.methodType(buffer, memoryManager, byte[].class))
              .asType(MethodType.methodType(Object.class, Object.class, byte[].class));
      write =
          lookup
              .findVirtual(
                  writer,
                  "write",
                  MethodType.methodType(void.class, connection, message, completionHandler))
              .asType(
                  MethodType.methodType(
                      void.class, Object.class, Object.class, Object.class, Object.class));
    }
  }
}
