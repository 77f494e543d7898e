// Starts Swagger UI on the document served beside /docs. The URL is
// relative so the page also works behind a path prefix; validatorUrl is
// off because the default sends the document to validator.swagger.io.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
};
