#include "http/openapi.h"

namespace covalue::embedded {
std::string_view OpenApiJson();
}  // namespace covalue::embedded

namespace covalue::http {

std::string_view OpenApiDocument() { return embedded::OpenApiJson(); }

}  // namespace covalue::http
