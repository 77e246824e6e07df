// The shared dashboard: a patient's scores over time with their bands, their own words and the
// professional's visit notes, read together as one audited read of the patient's record.

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/registry/registry.h"
#include "domain/scoring.h"
#include "domain/validation.h"
#include "store/alert_repository.h"
#include "store/population_repository.h"
#include "store/questionnaire_repository.h"
#include "store/registry_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kMaxPoints = 20'000;  // per patient, every series together

// Reads every page of a listing, up to max items.
template <typename T, typename List>
Result<std::vector<T>> ReadAll(List list, std::size_t max) {
  std::vector<T> out;
  PageRequest page{0, 500};
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(Page<T> found, list(page));
    for (T& item : found.items) {
      if (out.size() == max) {
        return out;
      }
      out.push_back(std::move(item));
    }
    if (!found.next) {
      return out;
    }
    page.after = *found.next;
  }
}

std::string BandOf(const std::vector<ScoreBand>& bands, double value) {
  for (const ScoreBand& band : bands) {
    if (value >= band.min && value <= band.max) {
      return band.label;
    }
  }
  return "";
}

// The value the latest is compared with (see ScoreSeries::before).
std::optional<Observation> Before(const std::vector<Observation>& points,
                                  std::optional<std::int64_t> last_visit_ms) {
  if (points.size() < 2) {
    return std::nullopt;
  }
  if (!last_visit_ms) {
    return points[points.size() - 2];
  }
  if (points.back().effective_ms <= *last_visit_ms) {
    return std::nullopt;  // nothing new since the visit
  }
  auto after_visit =
      std::upper_bound(points.begin(), points.end(), *last_visit_ms,
                       [](std::int64_t at, const Observation& o) { return at < o.effective_ms; });
  if (after_visit == points.begin()) {
    return std::nullopt;  // nothing known at the visit
  }
  return *std::prev(after_visit);
}

std::string Said(const QuestionnaireItem& item, const AnswerValue& answer) {
  switch (answer.kind) {
    case AnswerValue::Kind::kBoolean:
      return answer.boolean ? "yes" : "no";
    case AnswerValue::Kind::kInteger:
    case AnswerValue::Kind::kDecimal:
      return fmt::format("{}", answer.number);
    case AnswerValue::Kind::kCoding:
      for (const AnswerOption& option : item.options) {
        if (SameAnswer(option.value, answer) && !option.value.coding.display.empty()) {
          return option.value.coding.display;
        }
      }
      return answer.coding.display.empty() ? answer.coding.code : answer.coding.display;
    default:
      return answer.text;
  }
}

// Every question of the questionnaire in its order, with what the response answered.
void AnswersOf(const std::vector<QuestionnaireItem>& items, const AnswersByLinkId& given,
               std::vector<AnsweredItem>& out) {
  for (const QuestionnaireItem& item : items) {
    if (item.type != ItemType::kGroup && item.type != ItemType::kDisplay) {
      AnsweredItem& answered = out.emplace_back();
      answered.link_id = item.link_id;
      answered.text = item.prefix.empty() ? item.text : item.prefix + " " + item.text;
      if (const auto found = given.find(item.link_id); found != given.end()) {
        for (const AnswerValue* answer : found->second) {
          answered.answers.push_back(Said(item, *answer));
        }
      }
    }
    AnswersOf(item.items, given, out);
  }
}

}  // namespace

Result<Dashboard> Registry::GetDashboard(const RequestContext& ctx, Id patient_id) {
  COVALUE_ASSIGN_OR_RETURN(auto access, gate_.AccessPatient(ctx, patient_id, Action::kPatientRead));
  Dashboard view;
  view.patient = std::move(access.first);
  const Patient& patient = view.patient;
  std::vector<Observation> observations;
  std::vector<StoredResponse> responses;
  std::vector<QuestionnaireVersion> questionnaires;
  COVALUE_RETURN_IF_ERROR(store_.ReadReplica([&](store::Repositories& r) -> Status {
    if (auto population = r.Populations().Get(patient.population_id)) {
      view.population_name = population->name;
      view.population_names = population->names;
    }
    store::RecordQuery query;
    query.patient_id = patient.id;
    COVALUE_ASSIGN_OR_RETURN(observations, ReadAll<Observation>(
                                               [&](const PageRequest& page) {
                                                 return r.Registry().ListObservations(query, page);
                                               },
                                               kMaxPoints));
    COVALUE_ASSIGN_OR_RETURN(responses, ReadAll<StoredResponse>(
                                            [&](const PageRequest& page) {
                                              return r.Registry().ListResponses(query, page);
                                            },
                                            kMaxPoints));
    COVALUE_ASSIGN_OR_RETURN(
        auto notes, r.Registry().ListNotes(patient.id, PageRequest{0, kMaxDashboardNotes}));
    view.notes = std::move(notes.items);
    COVALUE_ASSIGN_OR_RETURN(auto alerts,
                             r.Alerts().List({std::nullopt, patient.id, true}, PageRequest{0, 50}));
    view.alerts = std::move(alerts.items);
    COVALUE_ASSIGN_OR_RETURN(SiteSettings settings, r.Alerts().Settings(patient.site_id));
    view.crisis_contacts =
        settings.crisis_contacts.empty() ? DefaultCrisisContacts() : settings.crisis_contacts;
    COVALUE_ASSIGN_OR_RETURN(questionnaires, ReadAll<QuestionnaireVersion>(
                                                 [&](const PageRequest& page) {
                                                   return r.Questionnaires().ListLatest(
                                                       page, std::vector<Id>{patient.site_id},
                                                       false);
                                                 },
                                                 1000));
    return Ok();
  }));
  for (const PatientNote& note : view.notes) {
    if (note.kind == NoteKind::kVisitNote) {
      view.last_visit_ms = note.created_ms;
      break;
    }
  }

  // The questionnaires a patient answers about themself (not those for professionals).
  std::map<std::string, QuestionnaireVersion> by_id;
  for (QuestionnaireVersion& q : questionnaires) {
    if (auto model = questionnaires_.ModelOf(q); model && !(*model)->ForPatients()) {
      continue;
    }
    QuestionnaireState& state = view.questionnaires.emplace_back();
    state.id = q.resource_id;
    state.title = q.title;
    by_id.emplace(q.resource_id, std::move(q));
  }
  // Responses come in the order they were stored: the last of each kind is the latest.
  std::map<std::string, const StoredResponse*> last_completed;
  std::map<std::string, const StoredResponse*> last_draft;
  for (const StoredResponse& response : responses) {
    (response.status == "completed" ? last_completed : last_draft)[response.questionnaire_id] =
        &response;
  }
  for (QuestionnaireState& state : view.questionnaires) {
    const auto completed = last_completed.find(state.id);
    const auto draft = last_draft.find(state.id);
    if (completed != last_completed.end()) {
      state.last_completed_ms = completed->second->authored_ms;
    }
    if (draft != last_draft.end() &&
        (completed == last_completed.end() || draft->second->id > completed->second->id)) {
      state.draft_response_id = draft->second->id;
    }
  }

  // The latest responses answer by answer, newest first, with the total each gave.
  std::map<Id, const Observation*> totals;
  for (const Observation& o : observations) {
    if (o.response_id && o.system == kScoreSystem && o.code.find('/') == std::string::npos) {
      totals[*o.response_id] = &o;
    }
  }
  for (auto it = responses.rbegin();
       it != responses.rend() &&
       view.responses.size() < static_cast<std::size_t>(kMaxDashboardResponses);
       ++it) {
    ResponseAnswers& read = view.responses.emplace_back();
    read.id = it->id;
    read.questionnaire_id = it->questionnaire_id;
    read.status = it->status;
    read.authored_ms = it->authored_ms;
    if (const auto total = totals.find(it->id); total != totals.end()) {
      read.total = total->second->value;
      read.band = total->second->interpretation;
    }
    QuestionnaireVersion version;
    version.resource_id = it->questionnaire_id;
    version.version = it->questionnaire_version;
    auto model = questionnaires_.ModelOf(version);
    auto answers = questionnaires_.Format() != nullptr
                       ? questionnaires_.Format()->ReadResponse(it->resource)
                       : Result<QuestionnaireResponse>(Fail(ErrorCode::kUnsupported, ""));
    if (model && answers) {
      read.title = (*model)->title;
      AnswersOf((*model)->items, CollectAnswers(*answers), read.items);
    }
  }

  std::map<std::pair<std::string, std::string>, ScoreSeries> series;
  for (Observation& o : observations) {
    ScoreSeries& s = series[{o.system, o.code}];
    s.points.push_back(std::move(o));
  }
  // Scores first (the questionnaires' totals and subscales), then registry variables.
  std::vector<std::pair<std::string, std::string>> order;
  order.reserve(series.size());
  for (const auto& [key, s] : series) {
    order.push_back(key);
  }
  std::stable_partition(order.begin(), order.end(),
                        [](const auto& key) { return key.first == kScoreSystem; });
  for (const auto& key : order) {
    ScoreSeries& s = series.at(key);
    std::stable_sort(s.points.begin(), s.points.end(),
                     [](const auto& a, const auto& b) { return a.effective_ms < b.effective_ms; });
    s.system = key.first;
    s.code = key.second;
    s.display = s.points.back().display;
    s.unit = s.points.back().unit;
    // A questionnaire's total carries its instrument's bands.
    if (const auto q = by_id.find(s.code); s.system == kScoreSystem && q != by_id.end()) {
      if (auto model = questionnaires_.ModelOf(q->second); model && (*model)->scoring) {
        s.bands = (*model)->scoring->bands;
      }
    }
    for (Observation& point : s.points) {
      if (point.interpretation.empty()) {
        point.interpretation = BandOf(s.bands, point.value);
      }
    }
    s.before = Before(s.points, view.last_visit_ms);
    view.series.push_back(std::move(s));
  }
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(ctx, access.second, Action::kPatientRead,
                                           {patient.site_id, std::nullopt, patient.user_id, {}},
                                           {"dashboard", std::to_string(patient.id), patient.id}));
  return view;
}

Result<PatientNote> Registry::AddPatientNote(const RequestContext& ctx, Id patient_id,
                                             NoteKind kind, const std::string& text) {
  const Action action =
      kind == NoteKind::kVisitNote ? Action::kVisitNoteWrite : Action::kPatientNoteWrite;
  COVALUE_RETURN_IF_ERROR(ValidateText(text, "/text", 2000));
  COVALUE_ASSIGN_OR_RETURN(auto access, gate_.AccessPatient(ctx, patient_id, action));
  const Patient& patient = access.first;
  return store::WriteValue<PatientNote>(
      store_, [&](store::Repositories& repos) -> Result<PatientNote> {
        PatientNote note{0, patient.id, kind, text, std::nullopt, "", gate_.NowMs()};
        if (ctx.principal->user_id != 0) {
          COVALUE_ASSIGN_OR_RETURN(User author, repos.Users().Get(ctx.principal->user_id));
          note.author_id = author.id;
          note.author_name = author.display_name;
        }
        COVALUE_ASSIGN_OR_RETURN(note, repos.Registry().AddNote(note));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, access.second, action, {patient.site_id, std::nullopt, patient.user_id, {}},
            {std::string(NoteKindName(kind)), std::to_string(note.id), patient.id},
            AuditOutcome::kAllowed));
        return note;
      });
}

}  // namespace covalue::app
