package io.syncline.ops.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code /openapi} and {@code /asyncapi}: the static YAML documents beside this class, written by
 * hand from docs/protocol.md (a unit test checks every {@code @Path} is in the OpenAPI one).
 */
@WebServlet(urlPatterns = {"/openapi", "/asyncapi"})
public class ApiDescriptionServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String document = request.getServletPath().substring(1) + ".yaml";
    try (InputStream in = ApiDescriptionServlet.class.getResourceAsStream(document)) {
      if (in == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      response.setContentType("application/yaml;charset=UTF-8");
      response.setHeader("Access-Control-Allow-Origin", "*");
      in.transferTo(response.getOutputStream());
    }
  }
}
