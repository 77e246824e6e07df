#include "http/api/api_routes.h"
#include "http/openapi.h"

namespace covalue::http::api {

void AddSystemRoutes(Router& router, const Metrics& metrics) {
  router.Add(
      {"GET", "/healthz", "Liveness: 200 while the server accepts requests", Access::kPublic,
       [](RouteContext&) -> Result<Response> { return JsonResponse(200, R"({"status":"ok"})"); },
       0});
  router.Add({"GET", "/metrics", "Prometheus metrics (loopback clients only)", Access::kPublic,
              [&metrics](RouteContext& r) -> Result<Response> {
                if (!r.request.client_is_loopback) {
                  return Fail(ErrorCode::kPermissionDenied,
                              "metrics are served to loopback clients only");
                }
                Response response;
                response.content_type = "text/plain; version=0.0.4";
                response.body = metrics.Render();
                return response;
              },
              0});
  router.Add({"GET", "/api/v1/openapi.json", "This API's OpenAPI 3.1 description", Access::kPublic,
              [](RouteContext&) -> Result<Response> {
                return JsonResponse(200, std::string(OpenApiDocument()));
              },
              0});
}

}  // namespace covalue::http::api
