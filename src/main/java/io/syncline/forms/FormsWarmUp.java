package io.syncline.forms;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Reads every form as the application starts, once the {@link FormScanner} has found them, so the
 * first write or validation does not pay for reading the constraints.
 */
@WebListener
public class FormsWarmUp implements ServletContextListener {

  @Inject private Forms forms;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    forms.all();
  }
}
