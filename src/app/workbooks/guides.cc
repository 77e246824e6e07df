#include <fmt/format.h>

#include "app/workbooks/workbooks.h"

namespace covalue::app {

Result<std::vector<Guide>> Workbooks::ListGuides(const RequestContext& ctx) const {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  return guides_;
}

Result<Guide> Workbooks::GetGuide(const RequestContext& ctx, const std::string& id) const {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  for (const Guide& guide : guides_) {
    if (guide.id == id) {
      return guide;
    }
  }
  return Fail(ErrorCode::kNotFound, fmt::format("no guide has the id '{}'", id), "id");
}

}  // namespace covalue::app
