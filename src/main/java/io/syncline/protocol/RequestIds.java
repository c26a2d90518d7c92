package io.syncline.protocol;

/** The ids a client attaches to a request, echoed in every reply to it. Both may be null. */
public record RequestIds(String requestId, String correlationId) {

  public static final RequestIds NONE = new RequestIds(null, null);
}
