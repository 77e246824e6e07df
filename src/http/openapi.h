#pragma once

#include <string_view>

namespace covalue::http {

// The OpenAPI 3.1 document of every route (openapi.json beside this file, compiled in). A unit
// test keeps it equal to the router's table.
std::string_view OpenApiDocument();

}  // namespace covalue::http
