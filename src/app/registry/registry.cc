#include "app/registry/registry.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "domain/dates.h"
#include "domain/response_validation.h"
#include "domain/scoring.h"
#include "domain/validation.h"
#include "store/alert_repository.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

// The sites where the principal cares for patients: site-held professional and admin roles
// only (registry data is the site's own).
std::vector<Id> StaffSites(const Principal& principal) {
  std::vector<Id> sites;
  for (const Membership& m : principal.memberships) {
    if ((m.role == Role::kProfessional || m.role == Role::kAdmin) && m.site_id) {
      sites.push_back(*m.site_id);
    }
  }
  return sites;
}

bool IsPatient(const Principal& principal) {
  return std::any_of(principal.memberships.begin(), principal.memberships.end(),
                     [](const Membership& m) { return m.role == Role::kPatient; });
}

std::string Joined(const std::vector<Issue>& errors) {
  std::string out;
  for (const Issue& e : errors) {
    out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", e.location, e.message);
  }
  return out;
}

}  // namespace

Result<Patient> Registry::CreatePatient(const RequestContext& ctx, const Patient& patient) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidatePatient(patient, gate_.NowMs()));
  const Target target{patient.site_id, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kPatientCreate,
                                                           target, {"patient", "", {}}));
  return store::WriteValue<Patient>(store_, [&](store::Repositories& repos) -> Result<Patient> {
    auto population = repos.Populations().Get(patient.population_id);
    if (!population || population->site_id != patient.site_id) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("population {} is not one of site {}'s", patient.population_id,
                              patient.site_id),
                  "/population_id");
    }
    if (patient.user_id) {
      COVALUE_ASSIGN_OR_RETURN(User user, repos.Users().Get(*patient.user_id));
      const bool is_patient_here =
          std::any_of(user.memberships.begin(), user.memberships.end(), [&](const Membership& m) {
            return m.role == Role::kPatient && m.site_id == patient.site_id;
          });
      if (!is_patient_here) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("user {} is not a patient of site {}", user.username, patient.site_id),
            "/user_id");
      }
    }
    Patient record = patient;
    record.created_ms = gate_.NowMs();
    COVALUE_ASSIGN_OR_RETURN(Patient created, repos.Registry().CreatePatient(record));
    COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(repos, ctx, decision, Action::kPatientCreate, target,
                                              {"patient", std::to_string(created.id), created.id},
                                              AuditOutcome::kAllowed));
    return created;
  });
}

Result<Patient> Registry::EnrolPatient(const RequestContext& ctx, Patient patient,
                                       const std::optional<std::string>& username) {
  COVALUE_ASSIGN_OR_RETURN(Population population,
                           community_.GetPopulation(ctx, patient.population_id));
  patient.site_id = population.site_id;
  if (username) {
    COVALUE_ASSIGN_OR_RETURN(User user, accounts_.GetUserByUsername(ctx, *username));
    patient.user_id = user.id;
  }
  return CreatePatient(ctx, patient);
}

Result<Patient> Registry::GetPatient(const RequestContext& ctx, Id id) {
  return gate_.ReadPatientRecord(ctx, id, "patient", std::to_string(id));
}

Result<Patient> Registry::MyPatient(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(
      auto mine, store::ReadValue<std::optional<Patient>>(store_, [&](store::Repositories& r) {
        return r.Registry().PatientOfUser(principal.user_id);
      }));
  if (!mine) {
    return Fail(ErrorCode::kNotFound, "your account is not linked to a patient record");
  }
  return GetPatient(ctx, mine->id);
}

Result<Patient> Registry::NamePatient(const RequestContext& ctx, Id id,
                                      const std::optional<std::string>& family,
                                      const std::optional<std::string>& given) {
  COVALUE_ASSIGN_OR_RETURN(auto access, gate_.AccessPatient(ctx, id, Action::kPatientUpdate));
  Patient named = std::move(access.first);
  named.family = family.value_or(named.family);
  named.given = given.value_or(named.given);
  COVALUE_RETURN_IF_ERROR(ValidatePatientName(named.family, named.given));
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Registry().SetPatientName(id, named.family, named.given));
    return gate_.AppendAudit(r, ctx, access.second, Action::kPatientUpdate, TargetOf(named),
                             {"patient", std::to_string(id), id}, AuditOutcome::kAllowed);
  }));
  return named;
}

Result<Page<Patient>> Registry::ListPatients(const RequestContext& ctx, const PageRequest& page,
                                             const PatientFilter& filter) {
  const store::PatientQuery query{std::nullopt, filter.population_id, filter.identifier,
                                  filter.identifier_prefix, filter.text};
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const std::vector<Id> sites = StaffSites(principal);
  if (sites.empty() && IsPatient(principal)) {
    // Not staff anywhere: a patient sees their own record.
    COVALUE_ASSIGN_OR_RETURN(Patient mine, MyPatient(ctx));
    const bool matches =
        (!query.population_id || mine.population_id == *query.population_id) &&
        (!query.identifier ||
         (query.identifier_prefix ? mine.identifier.starts_with(*query.identifier)
                                  : mine.identifier == *query.identifier)) &&
        (!query.text || SearchKey(mine).find(FoldCase(*query.text)) != std::string::npos);
    return matches ? Page<Patient>{{mine}, std::nullopt} : Page<Patient>{};
  }
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitStaff(ctx, principal, sites));
  COVALUE_ASSIGN_OR_RETURN(auto patients,
                           store::ReadReplicaValue<Page<Patient>>(store_, [&](store::Repositories& r) {
                             store::PatientQuery at_sites = query;
                             at_sites.sites = sites;
                             return r.Registry().ListPatients(page, at_sites);
                           }));
  std::vector<std::pair<Id, Id>> read;
  for (const Patient& p : patients.items) {
    read.emplace_back(p.site_id, p.id);
  }
  COVALUE_RETURN_IF_ERROR(AuditSearch(ctx, decision, "patient", read));
  return patients;
}

Result<std::vector<Observation>> Registry::LatestScores(const RequestContext& ctx,
                                                        const std::vector<Id>& patient_ids) {
  if (patient_ids.size() > kMaxLatestScorePatients) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("at most {} patients at a time", kMaxLatestScorePatients),
                "patient_id");
  }
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const std::vector<Id> sites = StaffSites(principal);
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitStaff(ctx, principal, sites));
  COVALUE_ASSIGN_OR_RETURN(
      auto latest, store::ReadValue<std::vector<Observation>>(store_, [&](store::Repositories& r) {
        return r.Registry().LatestObservations(patient_ids, kScoreSystem);
      }));
  // An observation is its patient's site's: other sites' patients fall out with it, as unknown
  // ids do (they have none). Subscales ("phq-9/…") are not totals.
  std::erase_if(latest, [&](const Observation& o) {
    return std::find(sites.begin(), sites.end(), o.site_id) == sites.end() ||
           o.code.find('/') != std::string::npos;
  });
  std::vector<std::pair<Id, Id>> read;
  for (const Observation& o : latest) {
    if (read.empty() || read.back().second != o.patient_id) {
      read.emplace_back(o.site_id, o.patient_id);
    }
  }
  COVALUE_RETURN_IF_ERROR(AuditSearch(ctx, decision, "score", read));
  return latest;
}

Result<SubmittedResponse> Registry::SubmitResponse(const RequestContext& ctx,
                                                   ResponseSubmission submission) {
  COVALUE_ASSIGN_OR_RETURN(
      auto access, gate_.AccessPatient(ctx, submission.patient_id, Action::kResponseSubmit));
  const Patient& patient = access.first;
  if (questionnaires_.Format() == nullptr) {
    return Fail(ErrorCode::kUnsupported, "this program was built without a questionnaire format");
  }
  auto version = questionnaires_.GetQuestionnaire(ctx, submission.questionnaire_id,
                                                  submission.questionnaire_version, false);
  if (!version) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format(
            "the response answers questionnaire '{}', which {}", submission.questionnaire_id,
            version.error().code == ErrorCode::kNotFound ? "does not exist" : "cannot be read"),
        "questionnaire");
  }
  if (version->site_id && version->site_id != patient.site_id) {
    return Fail(ErrorCode::kInvalidArgument,
                "the questionnaire is another site's own, not the patient's site's",
                "questionnaire");
  }
  COVALUE_ASSIGN_OR_RETURN(std::shared_ptr<const Questionnaire> model,
                           questionnaires_.ModelOf(*version));
  const Questionnaire& questionnaire = *model;
  const QuestionnaireResponse& response = submission.response;
  if (response.status != "completed" && response.status != "in-progress") {
    return Fail(ErrorCode::kInvalidArgument, "status is 'completed' or 'in-progress'", "status");
  }
  std::vector<Issue> issues = ValidateResponse(questionnaire, response);
  std::vector<Issue> errors;
  SubmittedResponse out;
  for (Issue& issue : issues) {
    (issue.severity == "error" ? errors : out.warnings).push_back(std::move(issue));
  }
  if (!errors.empty()) {
    return Fail(ErrorCode::kInvalidArgument, Joined(errors),
                std::string(kItemField) + errors.front().location);
  }
  // Scores of a completed response become observations; a questionnaire without scores has
  // none.
  std::optional<Scores> scores;
  if (response.status == "completed") {
    if (auto scored = ScoreResponse(questionnaire, response)) {
      scores = std::move(*scored);
      out.warnings.insert(out.warnings.end(), scores->issues.begin(), scores->issues.end());
    } else if (questionnaire.scoring) {
      return Fail(
          ErrorCode::kInvalidArgument, scored.error().message,
          scored.error().field.empty() ? "" : std::string(kItemField) + scored.error().field);
    }
  }
  // Answers a person must see at once raise alerts, whether the response is finished or not.
  const std::vector<RaisedAlert> raised = EvaluateAlerts(
      questionnaire.alerts, questionnaire, response, scores ? scores->total : std::nullopt);
  const std::string title = version->title;
  const std::int64_t now = gate_.NowMs();
  std::optional<MeasureStore::Batch> measured;
  auto stored = store::WriteValue<SubmittedResponse>(
      store_, [&](store::Repositories& repos) -> Result<SubmittedResponse> {
        COVALUE_ASSIGN_OR_RETURN(measured, measures_.BeginBatch(repos));
        SubmittedResponse written;
        COVALUE_ASSIGN_OR_RETURN(
            written.stored,
            repos.Registry().AddResponse(StoredResponse{
                0, patient.site_id, patient.id, version->resource_id, version->version,
                response.status, submission.authored_ms.value_or(now),
                ctx.principal->user_id == 0 ? std::nullopt
                                            : std::optional<Id>(ctx.principal->user_id),
                submission.resource, now}));
        const auto observe = [&](const std::string& code, const std::string& display, double value,
                                 const std::string& band) -> Status {
          COVALUE_ASSIGN_OR_RETURN(
              Observation o, repos.Registry().AddObservation(Observation{
                                 0, patient.site_id, patient.population_id, patient.id,
                                 kScoreSystem, code, display, submission.authored_ms.value_or(now),
                                 value, "{score}", band, written.stored.id}));
          measured->Observe(o);
          written.observations.push_back(std::move(o));
          return Ok();
        };
        if (scores && scores->total) {
          COVALUE_RETURN_IF_ERROR(observe(version->resource_id, title + ": total score",
                                          *scores->total, scores->band.value_or("")));
        }
        if (scores) {
          for (const auto& [name, value] : scores->subscales) {
            COVALUE_RETURN_IF_ERROR(observe(fmt::format("{}/{}", version->resource_id, name),
                                            fmt::format("{}: {}", title, name), value, ""));
          }
        }
        COVALUE_RETURN_IF_ERROR(measured->Flush(repos));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            repos, ctx, access.second, Action::kResponseSubmit, TargetOf(patient),
            {"response", std::to_string(written.stored.id), patient.id}, AuditOutcome::kAllowed));
        // Each alert is stored with the response, in the same durable write.
        for (const RaisedAlert& r : raised) {
          COVALUE_ASSIGN_OR_RETURN(
              Alert alert,
              repos.Alerts().Add(Alert{0, patient.site_id, patient.id, patient.identifier,
                                       written.stored.id, version->resource_id, r.rule, r.severity,
                                       r.message, now, std::nullopt, std::nullopt, "", ""}));
          COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
              repos, ctx, Decision{true, ""}, Action::kAlertRaise, TargetOf(patient),
              {"alert", std::to_string(alert.id), patient.id}, AuditOutcome::kAllowed));
          written.alerts.push_back(std::move(alert));
        }
        return written;
      });
  if (!stored) {
    return Fail(stored.error());
  }
  measures_.Apply(*measured);
  out.stored = std::move(stored->stored);
  out.observations = std::move(stored->observations);
  out.alerts = std::move(stored->alerts);
  if (!out.alerts.empty()) {
    // What to do now: never only a score. The default words stand if the settings are unread.
    out.crisis_contacts = alerts_.CrisisContacts(patient.site_id).value_or(DefaultCrisisContacts());
  }
  return out;
}

Result<std::size_t> Registry::ImportRegistry(const RequestContext& ctx, Id site_id,
                                             std::vector<RegistryRecord> records) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target{site_id, std::nullopt, std::nullopt, {}};
  COVALUE_ASSIGN_OR_RETURN(Decision decision, gate_.Permit(ctx, principal, Action::kPatientCreate,
                                                           target, {"patient", "import", {}}));
  const std::int64_t now = gate_.NowMs();
  std::size_t observations = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    RegistryRecord& record = records[i];
    record.patient.site_id = site_id;
    if (auto valid = ValidatePatient(record.patient, now); !valid) {
      return Fail(ErrorCode::kInvalidArgument, valid.error().message,
                  fmt::format("/records/{}{}", i, valid.error().field));
    }
    for (std::size_t k = 0; k < record.observations.size(); ++k) {
      const Observation& o = record.observations[k];
      if (o.code.empty() || o.system.empty() || !std::isfinite(o.value)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "an observation has a code system, a code and a finite value",
                    fmt::format("/records/{}/observations/{}", i, k));
      }
    }
    observations += record.observations.size();
  }
  std::optional<MeasureStore::Batch> measured;
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& repos) -> Status {
    COVALUE_ASSIGN_OR_RETURN(measured, measures_.BeginBatch(repos));
    std::map<Id, bool> populations;  // population id → the site's own
    for (std::size_t i = 0; i < records.size(); ++i) {
      RegistryRecord& record = records[i];
      auto known = populations.find(record.patient.population_id);
      if (known == populations.end()) {
        auto population = repos.Populations().Get(record.patient.population_id);
        known = populations
                    .emplace(record.patient.population_id,
                             population.has_value() && population->site_id == site_id)
                    .first;
      }
      if (!known->second) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("population {} is not one of site {}'s",
                                record.patient.population_id, site_id),
                    fmt::format("/records/{}/population_id", i));
      }
      record.patient.created_ms = now;
      auto created = repos.Registry().CreatePatient(record.patient);
      if (!created) {
        return Fail(created.error().code, created.error().message,
                    fmt::format("/records/{}/identifier", i));
      }
      for (Observation& o : record.observations) {
        o.site_id = site_id;
        o.population_id = created->population_id;
        o.patient_id = created->id;
        COVALUE_RETURN_IF_ERROR(repos.Registry().AddObservation(o));
        measured->Observe(o);
      }
    }
    COVALUE_RETURN_IF_ERROR(measured->Flush(repos));
    return gate_.AppendAudit(
        repos, ctx, decision, Action::kPatientCreate, target,
        {"patient",
         fmt::format("import of {} patients, {} observations", records.size(), observations),
         {}},
        AuditOutcome::kAllowed);
  }));
  measures_.Apply(*measured);
  return observations;
}

Result<LikeMeView> Registry::PatientsLikeMe(const RequestContext& ctx, Id patient_id,
                                            const std::string& system, const std::string& code,
                                            const analytics::LikeMeOptions& options) {
  constexpr double kMsPerYear = 365.25 * 86'400'000;
  constexpr double kMsPerMonth = kMsPerYear / 12;
  COVALUE_ASSIGN_OR_RETURN(auto access, gate_.AccessPatient(ctx, patient_id, Action::kPatientRead));
  const Patient& me = access.first;
  // The population's patients and their series of the outcome, read in one snapshot.
  std::map<Id, Patient> patients;
  std::map<Id, std::vector<std::pair<std::int64_t, double>>> series;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    PageRequest page{0, 500};
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(
          auto found,
          r.Registry().ListPatients(
              page, store::PatientQuery{
                        std::vector<Id>{me.site_id}, me.population_id, {}, false, std::nullopt}));
      for (Patient& p : found.items) {
        patients.emplace(p.id, std::move(p));
      }
      if (!found.next) {
        break;
      }
      page.after = *found.next;
    }
    store::RecordQuery query;
    query.population_id = me.population_id;
    query.code = code;
    query.system = system;
    page = PageRequest{0, 500};
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(auto found, r.Registry().ListObservations(query, page));
      for (const Observation& o : found.items) {
        series[o.patient_id].emplace_back(o.effective_ms, o.value);
      }
      if (!found.next) {
        return Ok();
      }
      page.after = *found.next;
    }
  }));
  const auto person_of = [&](const Patient& p) -> std::optional<analytics::LikeMePerson> {
    auto values = series.find(p.id);
    if (values == series.end() || values->second.empty()) {
      return std::nullopt;
    }
    std::sort(values->second.begin(), values->second.end());
    const std::int64_t baseline_ms = values->second.front().first;
    analytics::LikeMePerson person;
    person.id = p.id;
    person.age_years = static_cast<double>(baseline_ms - *ParseDateMs(p.birth_date)) / kMsPerYear;
    person.sex = static_cast<int>(p.sex);
    if (const auto diagnosis = ParseDateMs(p.diagnosis_date)) {
      person.disease_years = static_cast<double>(baseline_ms - *diagnosis) / kMsPerYear;
    }
    person.baseline = values->second.front().second;
    for (const auto& [at, value] : values->second) {
      person.series.emplace_back(static_cast<double>(at - baseline_ms) / kMsPerMonth, value);
    }
    return person;
  };
  LikeMeView view;
  const auto mine = person_of(me);
  if (!mine) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("patient {} has no observation of {}|{}", me.id, system, code), "code");
  }
  std::vector<analytics::LikeMePerson> others;
  for (const auto& [id, p] : patients) {
    if (id != me.id) {
      if (auto person = person_of(p)) {
        others.push_back(std::move(*person));
      }
    }
  }
  view.own = mine->series;
  view.like_me = analytics::PatientsLikeMe(*mine, others, options);
  COVALUE_RETURN_IF_ERROR(gate_.RecordRead(
      ctx, access.second, Action::kPatientRead, TargetOf(me),
      {"patients-like-me",
       fmt::format("population {}: cohort of {}", me.population_id, view.like_me.cohort), me.id}));
  return view;
}

Result<Decision> Registry::PermitStaff(const RequestContext& ctx, const Principal& principal,
                                       const std::vector<Id>& sites) {
  // Every site in sites comes from one of the principal's staff roles: asking for the first
  // decides; with none the policy refuses (and the refusal is audited).
  return gate_.Permit(ctx, principal, Action::kPatientList,
                      {sites.empty() ? std::nullopt : std::optional(sites.front()), {}, {}, {}},
                      {"patient", "", {}});
}

Result<StoredResponse> Registry::GetResponse(const RequestContext& ctx, Id id) {
  auto response = store::ReadValue<StoredResponse>(
      store_, [&](store::Repositories& r) { return r.Registry().GetResponse(id); });
  if (!response && response.error().code != ErrorCode::kNotFound) {
    return Fail(response.error());
  }
  // An unknown id is refused as another site's response would be.
  COVALUE_RETURN_IF_ERROR(gate_.ReadPatientRecord(ctx, response ? response->patient_id : 0,
                                                  "response", std::to_string(id)));
  return response;
}

Result<Observation> Registry::GetObservation(const RequestContext& ctx, Id id) {
  auto observation = store::ReadValue<Observation>(
      store_, [&](store::Repositories& r) { return r.Registry().GetObservation(id); });
  if (!observation && observation.error().code != ErrorCode::kNotFound) {
    return Fail(observation.error());
  }
  COVALUE_RETURN_IF_ERROR(gate_.ReadPatientRecord(ctx, observation ? observation->patient_id : 0,
                                                  "observation", std::to_string(id)));
  return observation;
}

Result<std::pair<store::RecordQuery, std::optional<Decision>>> Registry::Scope(
    const RequestContext& ctx, const RecordFilter& filter) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  store::RecordQuery query{filter.patient_id, std::nullopt,  filter.from_ms,      filter.to_ms,
                           filter.code,       filter.system, filter.population_id};
  if (query.patient_id) {
    COVALUE_RETURN_IF_ERROR(gate_.ReadPatientRecord(ctx, *query.patient_id, "patient",
                                                    std::to_string(*query.patient_id)));
    return std::pair(query, std::optional<Decision>());
  }
  const std::vector<Id> sites = StaffSites(principal);
  if (sites.empty() && IsPatient(principal)) {
    // A patient searching without naming one searches their own record.
    COVALUE_ASSIGN_OR_RETURN(Patient mine, MyPatient(ctx));
    query.patient_id = mine.id;
    return std::pair(query, std::optional<Decision>());
  }
  COVALUE_ASSIGN_OR_RETURN(Decision decision, PermitStaff(ctx, principal, sites));
  query.sites = sites;
  return std::pair(query, std::optional(decision));
}

Status Registry::AuditSearch(const RequestContext& ctx, const Decision& decision,
                             const std::string& resource_type,
                             const std::vector<std::pair<Id, Id>>& site_and_person) {
  if (site_and_person.empty()) {
    // A search that found nobody is still a search of the registry.
    return gate_.RecordRead(ctx, decision, Action::kPatientList, {},
                            {resource_type, "0 persons", std::nullopt});
  }
  return gate_.RecordBulkRead(ctx, decision, Action::kPatientList, resource_type, site_and_person);
}

template <typename T, typename List>
Result<Page<T>> Registry::ListRecords(const RequestContext& ctx, const RecordFilter& filter,
                                      const std::string& resource_type, List list) {
  COVALUE_ASSIGN_OR_RETURN(auto scoped, Scope(ctx, filter));
  const store::RecordQuery& query = scoped.first;
  const std::optional<Decision>& staff = scoped.second;
  COVALUE_ASSIGN_OR_RETURN(
      auto records, store::ReadReplicaValue<Page<T>>(
                        store_, [&](store::Repositories& r) { return list(r.Registry(), query); }));
  if (staff) {
    std::vector<std::pair<Id, Id>> read;
    for (const T& record : records.items) {
      read.emplace_back(record.site_id, record.patient_id);
    }
    COVALUE_RETURN_IF_ERROR(AuditSearch(ctx, *staff, resource_type, read));
  }
  return records;
}

Result<Page<StoredResponse>> Registry::ListResponses(const RequestContext& ctx,
                                                     const RecordFilter& filter,
                                                     const PageRequest& page) {
  return ListRecords<StoredResponse>(
      ctx, filter, "response", [&](store::RegistryRepository& r, const store::RecordQuery& q) {
        return r.ListResponses(q, page);
      });
}

Result<Page<Observation>> Registry::ListObservations(const RequestContext& ctx,
                                                     const RecordFilter& filter,
                                                     const PageRequest& page) {
  return ListRecords<Observation>(ctx, filter, "observation",
                                  [&](store::RegistryRepository& r, const store::RecordQuery& q) {
                                    return r.ListObservations(q, page);
                                  });
}

}  // namespace covalue::app
