#include <fmt/format.h>

#include "app/workbooks/workbooks.h"

namespace covalue::app {

Result<std::vector<Guide>> Workbooks::ListGuides(const RequestContext& ctx) const {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  // The persona guide is each persona's own workbook's, made with it (app/personas/), never a
  // guide a team starts or the community lists.
  std::vector<Guide> listed;
  for (const Guide& guide : guides_) {
    if (guide.kind != GuideKind::kPersona) listed.push_back(guide);
  }
  return listed;
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
