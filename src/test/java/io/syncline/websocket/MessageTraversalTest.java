package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FrameException;
import io.syncline.testing.Frames;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolver;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validating a decoded frame never asks the persistence provider whether a property is loaded: the
 * default traversal rule asked it for every property of every frame (on WildFly, leaving per-class
 * caches on the heap for each one).
 */
class MessageTraversalTest {

  private final AtomicInteger asked = new AtomicInteger();
  private PersistenceProviderResolver previous;

  @BeforeEach
  void countTheProvidersLookedUp() {
    previous = PersistenceProviderResolverHolder.getPersistenceProviderResolver();
    PersistenceProviderResolverHolder.setPersistenceProviderResolver(
        new PersistenceProviderResolver() {
          @Override
          public List<PersistenceProvider> getPersistenceProviders() {
            asked.incrementAndGet();
            return List.of();
          }

          @Override
          public void clearCachedProviders() {}
        });
  }

  @AfterEach
  void restore() {
    PersistenceProviderResolverHolder.setPersistenceProviderResolver(previous);
  }

  @Test
  void framesAreValidatedWithoutAskingThePersistenceProvider() {
    EnvelopeDecoder.INSTANCE.decode(Frames.subscribe("entity:Task"));
    EnvelopeDecoder.INSTANCE.decode(
        Frames.frame(
            "push",
            "entity",
            "Task",
            "entityId",
            "t1",
            "action",
            "update",
            "data",
            Frames.object("title", "x")));
    assertEquals(0, asked.get());
  }

  @Test
  void constraintsAreStillChecked() {
    FrameException refused =
        assertThrows(
            FrameException.class,
            () ->
                EnvelopeDecoder.INSTANCE.decode(
                    Frames.frame(
                        "push",
                        "entity",
                        " ",
                        "entityId",
                        "t1",
                        "action",
                        "update",
                        "data",
                        Frames.object("title", "x"))));
    assertEquals(0, asked.get());
    assertEquals(ErrorCode.BAD_MESSAGE, refused.code());
  }
}
