package io.syncline.forms;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validators whose messages are in one language each: Bean Validation's own messages come
 * translated (its bundles), messages written in a constraint stay as written.
 */
final class LocalizedValidators {

  private static final int MAX_LOCALES = 64;

  private final ValidatorFactory factory;
  private final Map<Locale, Validator> byLocale = new ConcurrentHashMap<>();

  LocalizedValidators(ValidatorFactory factory) {
    this.factory = factory;
  }

  Validator english() {
    return forLocale(Locale.ENGLISH);
  }

  Validator forLocale(Locale locale) {
    Locale key = locale == null ? Locale.ENGLISH : locale;
    Validator validator = byLocale.get(key);
    if (validator != null) {
      return validator;
    }
    if (byLocale.size() >= MAX_LOCALES) {
      byLocale.clear();
    }
    return byLocale.computeIfAbsent(
        key,
        l ->
            factory
                .usingContext()
                .messageInterpolator(new InLocale(factory.getMessageInterpolator(), l))
                .getValidator());
  }

  /** Interpolates every message in one locale, whatever the default is. */
  private record InLocale(MessageInterpolator delegate, Locale locale)
      implements MessageInterpolator {

    @Override
    public String interpolate(String template, Context context) {
      return delegate.interpolate(template, context, locale);
    }

    @Override
    public String interpolate(String template, Context context, Locale ignored) {
      return delegate.interpolate(template, context, locale);
    }
  }
}
