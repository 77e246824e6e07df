#include <fmt/format.h>

#include "app/app.h"

namespace covalue::app {

Result<std::vector<Guide>> App::ListGuides(const RequestContext& ctx) const {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  return guides_;
}

Result<Guide> App::GetGuide(const RequestContext& ctx, const std::string& id) const {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  for (const Guide& guide : guides_) {
    if (guide.id == id) {
      return guide;
    }
  }
  return Fail(ErrorCode::kNotFound, fmt::format("no guide has the id '{}'", id), "id");
}

}  // namespace covalue::app
