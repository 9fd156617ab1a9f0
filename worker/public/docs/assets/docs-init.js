// Starts Swagger UI on the API's own OpenAPI document (served from this origin, no CDN).
window.addEventListener('load', () => {
  window.SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
