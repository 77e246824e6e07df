// A Delphi study's results (app studies.h): its statistics per item, round and group, and the
// core set — the items that reached consensus, proposed as draft measures with their provenance.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "app/studies/studies.h"
#include "http/api/api_routes.h"
#include "http/json/json_body.h"
#include "http/json/measure_json.h"
#include "http/json/research_json.h"
#include "research/delphi/delphi.h"

namespace covalue::http::api {
namespace {

using json = nlohmann::ordered_json;

json DraftsJson(const std::vector<MeasureDraft>& drafts) {
  json items = json::array();
  for (const MeasureDraft& d : drafts) items.push_back(DraftJson(d));
  return {{"items", std::move(items)}, {"next", nullptr}};
}

// {"round": r, "measures": [{"statement_id", "id", "name", "kind", "direction", "quadrant",
// "domain", "unit"}, ...]}
Result<std::pair<int, std::vector<app::CoreSetChoice>>> ReadCoreSet(ObjectReader& reader) {
  COVALUE_ASSIGN_OR_RETURN(const std::int64_t round, reader.RequiredInt("round"));
  COVALUE_ASSIGN_OR_RETURN(const nlohmann::json list, reader.OptionalArray("measures"));
  std::vector<app::CoreSetChoice> choices;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/measures/" + std::to_string(i);
    if (!list[i].is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "a measure is an object", at);
    }
    ObjectReader item(list[i], at);
    app::CoreSetChoice choice;
    COVALUE_ASSIGN_OR_RETURN(choice.statement_id, item.RequiredInt("statement_id"));
    COVALUE_ASSIGN_OR_RETURN(choice.measure, ReadMeasureDescription(item));
    COVALUE_RETURN_IF_ERROR(item.Finish());
    choices.push_back(std::move(choice));
  }
  return std::make_pair(static_cast<int>(std::clamp<std::int64_t>(round, -1, 1'000'000)),
                        std::move(choices));
}

}  // namespace

void AddDelphiParticipation(Router& router, app::Studies& studies, const std::string& prefix,
                            Access access, KeyOf key, const std::string& who) {
  router.Add({"PUT", prefix + "/comments",
              "Comment on a Delphi item in the open round (statement_id, text up to 1,000 "
              "characters; empty removes it; " + who + ")",
              access, [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id statement, reader.RequiredInt("statement_id"));
                COVALUE_ASSIGN_OR_RETURN(std::string text, reader.RequiredString("text"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_RETURN_IF_ERROR(studies.SaveComment(r.ctx, k, statement, text));
                return NoContent();
              }});
}

void AddDelphiRoutes(Router& router, app::Studies& studies) {
  router.Add({"GET", "/api/v1/studies/{id}/comments",
              "Every panelist's comments on a Delphi's items, by round and item, under their "
              "pseudonyms (its researcher)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto comments, studies.DelphiComments(r.ctx, id));
                json items = json::array();
                for (const StudyComment& c : comments) {
                  items.push_back({{"participant_id", c.participant_id},
                                   {"pseudonym", c.pseudonym},
                                   {"statement_id", c.statement_id},
                                   {"round", c.round},
                                   {"text", c.text},
                                   {"created_ms", c.created_ms}});
                }
                return NoStore(
                    JsonResponse(200, json{{"items", items}, {"next", nullptr}}.dump()));
              },
              0});
  router.Add({"GET", "/api/v1/studies/{id}/delphi",
              "A Delphi's statistics per item, round and group (percentile: 7, 6 or 2; the JSON "
              "contract of covalue delphi --json, items by their ids, panelists by pseudonym)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto percentile, QueryId(r.request, "percentile"));
                const Id type = percentile.value_or(7);
                if (type != 7 && type != 6 && type != 2) {
                  return Fail(ErrorCode::kInvalidArgument, "percentile is 7, 6 or 2", "percentile");
                }
                COVALUE_ASSIGN_OR_RETURN(research::DelphiPanel panel, studies.DelphiData(r.ctx, id));
                const auto analysis =
                    research::AnalyseDelphi(panel, static_cast<research::PercentileType>(type));
                return NoStore(JsonResponse(200, DelphiJson(analysis).dump()));
              },
              0});
  router.Add({"GET", "/api/v1/studies/{id}/core-set",
              "The draft measures this Delphi proposed, with their provenance (its researcher)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto drafts, studies.CoreSet(r.ctx, id));
                return NoStore(JsonResponse(200, DraftsJson(drafts).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/studies/{id}/core-set",
              "Make items that reached consensus in a finished round (percent rule consensus_in "
              "over all panelists) the core set's draft measures, all or none",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ReadBody(r.request.body, ReadCoreSet));
                COVALUE_ASSIGN_OR_RETURN(auto drafts,
                                         studies.ProposeCoreSet(r.ctx, id, body.first, body.second));
                return NoStore(JsonResponse(201, DraftsJson(drafts).dump()));
              }});
}

}  // namespace covalue::http::api
