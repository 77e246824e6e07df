// Research studies (app studies.h): the researcher's routes under /api/v1/studies, and a
// participant's under /api/v1/invitation (by a personal link's secret, sent in the X-Invitation
// header so that it never appears in a path or an access log) or
// /api/v1/studies/{id}/participation (by the signed-in account).

#include <string>

#include "app/studies/studies.h"
#include "http/api/api_routes.h"
#include "http/api/study_analysis.h"
#include "http/json/json_body.h"
#include "http/json/research_json.h"
#include "research/concept_map/concept_map.h"
#include "research/concept_map/reading.h"

namespace covalue::http::api {
namespace {

using nlohmann::json;

json Optional(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

// runs: whether the caller is the study's researcher.
json StudyJson(const Study& s, bool runs) {
  json variables = json::array();
  for (const RatingVariable& v : s.variables) {
    variables.push_back({{"name", v.name}, {"min", v.min}, {"max", v.max}});
  }
  return {{"id", s.id},
          {"kind", StudyKindName(s.kind)},
          {"title", s.title},
          {"focus_prompt", s.focus_prompt},
          {"variables", std::move(variables)},
          {"groups", s.groups},
          {"anonymous", s.anonymous},
          {"stage", StudyStageName(s.stage)},
          {"round", s.round},
          {"runs", runs},
          {"created_ms", s.created_ms}};
}

json ParticipantJson(const StudyParticipant& p) {
  return {{"id", p.id},
          {"pseudonym", p.pseudonym},
          {"group", p.group},
          {"consented_ms", Optional(p.consented_ms)},
          {"revoked_ms", Optional(p.revoked_ms)},
          {"created_ms", p.created_ms}};
}

json StatementJson(const StudyStatement& s) {
  return {{"id", s.id},
          {"text", s.text},
          {"proposed_by", Optional(s.proposed_by)},
          {"merged_into", Optional(s.merged_into)},
          {"created_ms", s.created_ms}};
}

json Items(json items) { return {{"items", std::move(items)}, {"next", nullptr}}; }

// A study's draft from a request body; a concept map rates importance and feasibility 1–5 unless
// the body says otherwise.
Result<Study> ReadDraft(ObjectReader& reader) {
  Study s;
  COVALUE_ASSIGN_OR_RETURN(std::string kind, reader.RequiredString("kind"));
  const auto parsed = ParseStudyKind(kind);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, "kind is concept_map or delphi", "/kind");
  }
  s.kind = *parsed;
  COVALUE_ASSIGN_OR_RETURN(s.title, reader.RequiredString("title"));
  COVALUE_ASSIGN_OR_RETURN(s.focus_prompt, reader.RequiredString("focus_prompt"));
  COVALUE_ASSIGN_OR_RETURN(auto anonymous, reader.OptionalBool("anonymous"));
  s.anonymous = anonymous.value_or(true);
  COVALUE_ASSIGN_OR_RETURN(json variables, reader.OptionalArray("variables"));
  if (variables.empty() && s.kind == StudyKind::kConceptMap) {
    s.variables = {{"importance", 1, 5}, {"feasibility", 1, 5}};
  }
  for (std::size_t i = 0; i < variables.size() && i < 100; ++i) {
    if (!variables[i].is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "a variable is {name, min, max}",
                  "/variables/" + std::to_string(i));
    }
    ObjectReader item(variables[i], "/variables/" + std::to_string(i));
    RatingVariable v;
    COVALUE_ASSIGN_OR_RETURN(v.name, item.RequiredString("name"));
    COVALUE_ASSIGN_OR_RETURN(auto min, item.OptionalInt("min"));
    COVALUE_ASSIGN_OR_RETURN(auto max, item.OptionalInt("max"));
    v.min = static_cast<int>(std::clamp<std::int64_t>(min.value_or(1), -1000, 1000));
    v.max = static_cast<int>(std::clamp<std::int64_t>(max.value_or(5), -1000, 1000));
    COVALUE_RETURN_IF_ERROR(item.Finish());
    s.variables.push_back(std::move(v));
  }
  if (variables.size() > 100) {
    return Fail(ErrorCode::kInvalidArgument, "a study rates at most 6 variables", "/variables");
  }
  COVALUE_ASSIGN_OR_RETURN(json groups, reader.OptionalArray("groups"));
  for (std::size_t i = 0; i < groups.size() && i < 100; ++i) {
    if (!groups[i].is_string()) {
      return Fail(ErrorCode::kInvalidArgument, "a group is a name",
                  "/groups/" + std::to_string(i));
    }
    s.groups.push_back(groups[i].get<std::string>());
  }
  if (groups.size() > 100) {
    return Fail(ErrorCode::kInvalidArgument, "a study has 1 to 12 participant groups", "/groups");
  }
  return s;
}

Result<app::ParticipantKey> ByInvitation(const RouteContext& r) {
  const std::string& secret = r.request.Header("x-invitation");
  if (secret.empty()) {
    return Fail(ErrorCode::kUnauthenticated,
                "send the invitation link's secret in the X-Invitation header", "X-Invitation");
  }
  return app::ParticipantKey{secret, 0};
}

Result<app::ParticipantKey> ByAccount(const RouteContext& r) {
  COVALUE_ASSIGN_OR_RETURN(Id study, PathId(r, "id"));
  return app::ParticipantKey{"", study};
}

json WorkspaceJson(const app::Workspace& w) {
  json statements = json::array();
  for (const StudyStatement& s : w.statements) {
    statements.push_back({{"id", s.id}, {"text", s.text}, {"own", s.proposed_by.has_value()}});
  }
  json sort = json::array();
  for (const SortCard& c : w.sort) sort.push_back({{"statement_id", c.statement_id}, {"pile", c.pile}});
  json ratings = json::array();
  for (const StatementRating& x : w.ratings) {
    ratings.push_back({{"statement_id", x.statement_id}, {"variable", x.variable}, {"value", x.value}});
  }
  json feedback = json::array();
  for (const app::DelphiFeedback& f : w.feedback) {
    feedback.push_back({{"statement_id", f.statement_id},
                        {"own", f.own ? json(*f.own) : json(nullptr)},
                        {"n", f.n},
                        {"withheld", f.withheld},
                        {"median", f.median ? json(*f.median) : json(nullptr)},
                        {"histogram_1_9", f.withheld || f.n == 0 ? json(nullptr) : json(f.histogram)},
                        {"comments", f.comments}});
  }
  json comments = json::array();
  for (const StudyComment& c : w.comments) {
    comments.push_back({{"statement_id", c.statement_id}, {"text", c.text}});
  }
  json study = StudyJson(w.study, false);
  return {{"study", std::move(study)},
          {"participant", ParticipantJson(w.self)},
          {"statements", std::move(statements)},
          {"sort", std::move(sort)},
          {"ratings", std::move(ratings)},
          {"feedback", std::move(feedback)},
          {"comments", std::move(comments)}};
}

// The participant's routes under prefix, each finding its participant with key.
void AddParticipation(Router& router, app::Studies& studies, const std::string& prefix,
                      Access access, KeyOf key, const std::string& who) {
  router.Add({"GET", prefix,
              "The study and the participant's own work so far (" + who + ")", access,
              [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_ASSIGN_OR_RETURN(auto workspace, studies.OpenWorkspace(r.ctx, k));
                return NoStore(JsonResponse(200, WorkspaceJson(workspace).dump()));
              },
              0});
  router.Add({"POST", prefix + "/consent", "Consent to take part (" + who + ")", access,
              [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_RETURN_IF_ERROR(studies.GiveConsent(r.ctx, k));
                return NoContent();
              },
              0});
  router.Add({"POST", prefix + "/statements",
              "Brainstorm a statement (text; the brainstorming stage; " + who + ")", access,
              [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string text, reader.RequiredString("text"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto s, studies.Propose(r.ctx, k, text));
                return NoStore(JsonResponse(201, StatementJson(s).dump()));
              }});
  router.Add({"PUT", prefix + "/sort",
              "Save the participant's whole sort (cards: statement_id and pile; the sorting "
              "stage; " + who + ")",
              access, [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(json cards, reader.OptionalArray("cards"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(
                    auto sort, ReadObjects<SortCard>(cards, "/cards", 1000,
                                                     "a card is {statement_id, pile}; at most 1,000",
                                                     [](ObjectReader& card) -> Result<SortCard> {
                                                       SortCard c;
                                                       COVALUE_ASSIGN_OR_RETURN(
                                                           c.statement_id,
                                                           card.RequiredInt("statement_id"));
                                                       COVALUE_ASSIGN_OR_RETURN(
                                                           c.pile, card.RequiredString("pile"));
                                                       return c;
                                                     }));
                COVALUE_RETURN_IF_ERROR(studies.SaveSort(r.ctx, k, sort));
                return NoContent();
              }});
  router.Add({"PUT", prefix + "/ratings",
              "Save ratings (statement_id, variable, value; the rating stage; " + who + ")",
              access, [&studies, key](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto k, key(r));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(json items, reader.OptionalArray("ratings"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(
                    auto ratings,
                    ReadObjects<StatementRating>(
                        items, "/ratings", 6000,
                        "a rating is {statement_id, variable, value}; at most 6,000",
                        [](ObjectReader& item) -> Result<StatementRating> {
                          StatementRating x;
                          COVALUE_ASSIGN_OR_RETURN(x.statement_id, item.RequiredInt("statement_id"));
                          COVALUE_ASSIGN_OR_RETURN(x.variable, item.RequiredString("variable"));
                          COVALUE_ASSIGN_OR_RETURN(auto value, item.RequiredInt("value"));
                          x.value = static_cast<int>(std::clamp<std::int64_t>(value, -100000, 100000));
                          return x;
                        }));
                COVALUE_RETURN_IF_ERROR(studies.SaveRatings(r.ctx, k, ratings));
                return NoContent();
              }});
  AddDelphiParticipation(router, studies, prefix, access, key, who);
}

}  // namespace

Result<Analysed> Analyse(app::Studies& studies, const RouteContext& r) {
  Analysed out;
  COVALUE_ASSIGN_OR_RETURN(out.study_id, PathId(r, "id"));
  COVALUE_ASSIGN_OR_RETURN(auto k, QueryId(r.request, "k"));
  COVALUE_ASSIGN_OR_RETURN(auto starts, QueryId(r.request, "starts"));
  COVALUE_ASSIGN_OR_RETURN(auto seed, QueryId(r.request, "seed"));
  COVALUE_ASSIGN_OR_RETURN(out.data, studies.AnalysisData(r.ctx, out.study_id));
  const std::size_t n = out.data.study.statements.size();
  if (n < 3 || out.data.study.sorts.empty()) {
    return Fail(ErrorCode::kConflict, "the analysis needs at least 3 statements and one sort");
  }
  if (k) {
    if (*k < 2 || static_cast<std::size_t>(*k) > n - 1) {
      return Fail(ErrorCode::kInvalidArgument, "k is from 2 to the statements less one", "k");
    }
    out.options.k = static_cast<std::size_t>(*k);
  }
  out.options.smacof.starts = static_cast<std::size_t>(std::clamp<Id>(starts.value_or(8), 1, 32));
  out.options.smacof.seed = static_cast<std::uint64_t>(seed.value_or(1));
  out.analysis = research::AnalyseConceptMap(out.data.study, out.options);
  return out;
}

void AddStudyRoutes(Router& router, app::Studies& studies) {
  router.Add({"GET", "/api/v1/studies",
              "The caller's studies: those they run, then those they take part in",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto listed, studies.ListStudies(r.ctx));
                json items = json::array();
                const Id caller = r.ctx.principal ? r.ctx.principal->user_id : 0;
                for (const Study& s : listed) items.push_back(StudyJson(s, s.owner_id == caller));
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/studies",
              "Start a concept-mapping or Delphi study, in draft (researchers)", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Study draft, ReadDraft(reader));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(Study study, studies.CreateStudy(r.ctx, draft));
                return NoStore(JsonResponse(201, StudyJson(study, true).dump()));
              }});
  router.Add({"GET", "/api/v1/studies/{id}", "A study (its researcher)", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Study study, studies.GetStudy(r.ctx, id));
                return NoStore(JsonResponse(200, StudyJson(study, true).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/studies/{id}/stage",
              "Move a study to a later stage (stage; a Delphi's rounds opens the next round)",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string name, reader.RequiredString("stage"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                const auto stage = ParseStudyStage(name);
                if (!stage) {
                  return Fail(ErrorCode::kInvalidArgument,
                              "stage is brainstorming, sorting, rating, rounds or closed", "/stage");
                }
                COVALUE_ASSIGN_OR_RETURN(Study study, studies.MoveStage(r.ctx, id, *stage));
                return NoStore(JsonResponse(200, StudyJson(study, true).dump()));
              }});
  router.Add({"GET", "/api/v1/studies/{id}/participants",
              "Each participant's progress (pseudonyms only in an anonymous study)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto progress, studies.Progress(r.ctx, id));
                json items = json::array();
                for (const app::ParticipantProgress& p : progress) {
                  items.push_back({{"id", p.participant_id},
                                   {"name", p.name},
                                   {"group", p.group},
                                   {"consented", p.consented},
                                   {"revoked", p.revoked},
                                   {"brainstormed", p.brainstormed},
                                   {"sorted", p.sorted},
                                   {"rated", p.rated}});
                }
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/studies/{id}/participants",
              "Add a community account as a participant (user_id, group)", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id user, reader.RequiredInt("user_id"));
                COVALUE_ASSIGN_OR_RETURN(std::string group, reader.RequiredString("group"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto p, studies.AddAccount(r.ctx, id, user, group));
                return NoStore(JsonResponse(201, ParticipantJson(p).dump()));
              }});
  router.Add({"DELETE", "/api/v1/studies/{id}/participants/{participant}",
              "Withdraw a participant: their link stops, their work stays", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Id participant, PathId(r, "participant"));
                COVALUE_RETURN_IF_ERROR(studies.RevokeParticipant(r.ctx, id, participant));
                return NoContent();
              },
              0});
  router.Add({"POST", "/api/v1/studies/{id}/invitations",
              "A personal invitation link for a new participant of a group (its secret shown "
              "this once)",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string group, reader.RequiredString("group"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto invitation, studies.Invite(r.ctx, id, group));
                json out = ParticipantJson(invitation.participant);
                out["secret"] = invitation.secret;
                // The secret rides in the fragment, which browsers never send to a server.
                out["path"] = "/join#" + invitation.secret;
                return NoStore(JsonResponse(201, out.dump()));
              }});
  router.Add({"GET", "/api/v1/studies/{id}/statements",
              "Every statement, merged ones with the statement they became", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto statements, studies.ListStatements(r.ctx, id));
                json items = json::array();
                for (const StudyStatement& s : statements) items.push_back(StatementJson(s));
                return NoStore(JsonResponse(200, Items(items).dump()));
              },
              0});
  router.Add({"POST", "/api/v1/studies/{id}/statements",
              "Add a statement of the researcher's (text; before sorting)", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string text, reader.RequiredString("text"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto s, studies.AddStatement(r.ctx, id, text));
                return NoStore(JsonResponse(201, StatementJson(s).dump()));
              }});
  router.Add({"PUT", "/api/v1/studies/{id}/statements/{statement}",
              "Edit a statement's text (before sorting)", Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Id statement, PathId(r, "statement"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(std::string text, reader.RequiredString("text"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_RETURN_IF_ERROR(studies.EditStatement(r.ctx, id, statement, text));
                return NoContent();
              }});
  router.Add({"POST", "/api/v1/studies/{id}/statements/{statement}/merge",
              "Merge a duplicate into another statement (into; who proposed it is kept)",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(Id statement, PathId(r, "statement"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id into, reader.RequiredInt("into"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_RETURN_IF_ERROR(studies.MergeStatement(r.ctx, id, statement, into));
                return NoContent();
              }});
  Route imports{"POST", "/api/v1/studies/{id}/imports",
                "Import an existing study's CSV files into a study in draft (a concept map's "
                "statements, sorts and optionally ratings; a Delphi's items and ratings), all or "
                "nothing, every problem named as FILE:LINE: reason",
                Access::kSignedIn,
                [&studies](RouteContext& r) -> Result<Response> {
                  COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                  COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                  ObjectReader reader(body);
                  if (body.contains("items")) {  // a Delphi's files
                    COVALUE_ASSIGN_OR_RETURN(std::string items, reader.RequiredString("items"));
                    COVALUE_ASSIGN_OR_RETURN(std::string ratings, reader.RequiredString("ratings"));
                    COVALUE_RETURN_IF_ERROR(reader.Finish());
                    COVALUE_ASSIGN_OR_RETURN(auto made,
                                             studies.ImportDelphiFiles(r.ctx, id, items, ratings));
                    json items_made = json::array();
                    for (const StudyStatement& s : made) items_made.push_back(StatementJson(s));
                    return NoStore(JsonResponse(201, Items(items_made).dump()));
                  }
                  app::StudyFiles files;
                  COVALUE_ASSIGN_OR_RETURN(files.statements, reader.RequiredString("statements"));
                  COVALUE_ASSIGN_OR_RETURN(files.sorts, reader.RequiredString("sorts"));
                  COVALUE_ASSIGN_OR_RETURN(auto ratings, reader.OptionalString("ratings"));
                  files.ratings = ratings.value_or("");
                  COVALUE_RETURN_IF_ERROR(reader.Finish());
                  COVALUE_ASSIGN_OR_RETURN(auto made, studies.ImportFiles(r.ctx, id, files));
                  json items = json::array();
                  for (const StudyStatement& s : made) items.push_back(StatementJson(s));
                  return NoStore(JsonResponse(201, Items(items).dump()));
                },
                std::size_t{32} << 20};
  router.Add(std::move(imports));
  router.Add({"GET", "/api/v1/studies/{id}/analysis",
              "The concept map's live analysis (k, starts, seed as in covalue conceptmap; the "
              "JSON contract of covalue conceptmap --json, statements by their ids)",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto analysed, Analyse(studies, r));
                const nlohmann::ordered_json out =
                    ConceptMapJson(analysed.data.study, analysed.analysis,
                                   {analysed.options.smacof.starts, analysed.options.smacof.seed}, {});
                return NoStore(JsonResponse(200, out.dump()));
              },
              0});
  router.Add({"GET", "/api/v1/studies/{id}/reading",
              "Help reading the concept map: the split-half reliability of the sorts and a name "
              "for each cluster of k suggested from the participants' pile names",
              Access::kSignedIn,
              [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(auto analysed, Analyse(studies, r));
                const auto& sorts = analysed.data.study.sorts;
                const research::SplitHalf half =
                    research::SplitHalfReliability(analysed.data.study.statements.size(), sorts);
                json names = json::array();
                for (const auto& name : research::SuggestClusterNames(sorts, analysed.analysis.clusters,
                                                                      analysed.analysis.k)) {
                  names.push_back(name ? json(*name) : json(nullptr));
                }
                const auto optional = [](const std::optional<double>& v) {
                  return v ? json(*v) : json(nullptr);
                };
                COVALUE_ASSIGN_OR_RETURN(
                    auto given, studies.ClusterNames(r.ctx, analysed.study_id,
                                                     static_cast<int>(analysed.analysis.k)));
                json named = json::array();
                for (const std::string& name : given) {
                  named.push_back(name.empty() ? json(nullptr) : json(name));
                }
                return NoStore(JsonResponse(
                    200, json{{"k", analysed.analysis.k},
                              {"named", std::move(named)},
                              {"split_half", {{"sorters_a", half.sorters_a},
                                              {"sorters_b", half.sorters_b},
                                              {"r", optional(half.r)},
                                              {"spearman_brown", optional(half.spearman_brown)}}},
                              {"cluster_names", std::move(names)}}
                             .dump()));
              },
              0});
  router.Add({"PUT", "/api/v1/studies/{id}/cluster-names",
              "Name the clusters of k (k; names, one per cluster, empty keeps the suggestion)",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(auto k, reader.RequiredInt("k"));
                COVALUE_ASSIGN_OR_RETURN(json list, reader.OptionalArray("names"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                std::vector<std::string> names;
                for (std::size_t i = 0; i < list.size() && i <= 30; ++i) {
                  if (!list[i].is_string()) {
                    return Fail(ErrorCode::kInvalidArgument, "a name is text",
                                "/names/" + std::to_string(i));
                  }
                  names.push_back(list[i].get<std::string>());
                }
                if (list.size() > 30) names.push_back("");  // more than any k: refused by count
                COVALUE_RETURN_IF_ERROR(studies.NameClusters(
                    r.ctx, id, static_cast<int>(std::clamp<std::int64_t>(k, 0, 1000)), names));
                return NoContent();
              }});
  router.Add({"POST", "/api/v1/studies/{id}/items-from-concept-map",
              "Seed a Delphi in draft with the go-zone statements of a concept map the caller "
              "runs (concept_map_id; all raters, above both means)",
              Access::kSignedIn, [&studies](RouteContext& r) -> Result<Response> {
                COVALUE_ASSIGN_OR_RETURN(Id id, PathId(r, "id"));
                COVALUE_ASSIGN_OR_RETURN(auto body, ParseJsonObject(r.request.body));
                ObjectReader reader(body);
                COVALUE_ASSIGN_OR_RETURN(Id source, reader.RequiredInt("concept_map_id"));
                COVALUE_RETURN_IF_ERROR(reader.Finish());
                COVALUE_ASSIGN_OR_RETURN(auto made, studies.SeedFromGoZone(r.ctx, id, source));
                json items = json::array();
                for (const StudyStatement& s : made) items.push_back(StatementJson(s));
                return NoStore(JsonResponse(201, Items(items).dump()));
              }});
  AddStudyExportRoutes(router, studies);
  AddDelphiRoutes(router, studies);
  AddParticipation(router, studies, "/api/v1/invitation", Access::kPublic, &ByInvitation,
                   "by the invitation's secret in X-Invitation");
  AddParticipation(router, studies, "/api/v1/studies/{id}/participation", Access::kSignedIn,
                   &ByAccount, "by the signed-in account");
}

}  // namespace covalue::http::api
