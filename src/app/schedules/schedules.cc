#include "app/schedules/schedules.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/kernel/crypto.h"
#include "app/schedules/calendar.h"
#include "domain/validation.h"
#include "formats/visits_csv.h"
#include "store/population_repository.h"
#include "store/registry_repository.h"
#include "store/schedule_repository.h"
#include "store/user_repository.h"

namespace covalue::app {
namespace {

constexpr std::size_t kMaxNoteLength = 200;
constexpr std::int64_t kBeginning = 0;
constexpr std::int64_t kEndOfTime = INT64_MAX;

Target SiteTarget(Id site_id) { return Target{site_id, std::nullopt, std::nullopt, {}}; }

// Preference when a list is ordered: overdue, then due, then upcoming, then answered; then by the
// due day.
int Urgency(OccasionState state) {
  switch (state) {
    case OccasionState::kOverdue:
      return 0;
    case OccasionState::kDue:
      return 1;
    case OccasionState::kUpcoming:
      return 2;
    case OccasionState::kCompleted:
      return 3;
  }
  return 3;
}

void SortByUrgency(std::vector<DueQuestionnaire>& due) {
  std::sort(due.begin(), due.end(), [](const DueQuestionnaire& a, const DueQuestionnaire& b) {
    return std::pair(Urgency(a.occasion.state), a.occasion.due_ms) <
           std::pair(Urgency(b.occasion.state), b.occasion.due_ms);
  });
}

}  // namespace

std::string Schedules::TitleOf(const RequestContext& ctx, const std::string& questionnaire_id) {
  auto q = questionnaires_.GetQuestionnaire(ctx, questionnaire_id, std::nullopt, false);
  return q ? q->title : questionnaire_id;
}

Result<QuestionnaireSchedule> Schedules::DefineSchedule(const RequestContext& ctx,
                                                        QuestionnaireSchedule schedule) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(ValidateSchedule(schedule));
  COVALUE_ASSIGN_OR_RETURN(Population population,
                           store::ReadValue<Population>(store_, [&](store::Repositories& r) {
                             return r.Populations().Get(schedule.population_id);
                           }));
  schedule.site_id = population.site_id;
  const Target target = SiteTarget(schedule.site_id);
  const Subject subject{"schedule", schedule.questionnaire_id, std::nullopt};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kScheduleWrite, target, subject));
  // The questionnaire must be one the site may use: the community's or the site's own.
  auto questionnaire =
      questionnaires_.GetQuestionnaire(ctx, schedule.questionnaire_id, std::nullopt, false);
  if (!questionnaire || (questionnaire->site_id && questionnaire->site_id != schedule.site_id)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}' is no questionnaire this site may use", schedule.questionnaire_id),
        "questionnaire_id");
  }
  schedule.created_by = gate_.GrantedByOf(principal).user_id;
  schedule.created_ms = gate_.NowMs();
  return store::WriteValue<QuestionnaireSchedule>(
      store_, [&](store::Repositories& r) -> Result<QuestionnaireSchedule> {
        COVALUE_ASSIGN_OR_RETURN(QuestionnaireSchedule stored, r.Schedules().Create(schedule));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            r, ctx, decision, Action::kScheduleWrite, target,
            {"schedule", std::to_string(stored.id), std::nullopt}, AuditOutcome::kAllowed));
        return stored;
      });
}

Result<QuestionnaireSchedule> Schedules::ChangeSchedule(const RequestContext& ctx,
                                                        const QuestionnaireSchedule& schedule) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(
      QuestionnaireSchedule stored,
      store::ReadValue<QuestionnaireSchedule>(
          store_, [&](store::Repositories& r) { return r.Schedules().Get(schedule.id); }));
  const Target target = SiteTarget(stored.site_id);
  const Subject subject{"schedule", std::to_string(stored.id), std::nullopt};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kScheduleWrite, target, subject));
  stored.kind = schedule.kind;
  stored.every = schedule.every;
  stored.unit = schedule.unit;
  stored.window_days = schedule.window_days;
  stored.until = schedule.until;
  stored.active = schedule.active;
  COVALUE_RETURN_IF_ERROR(ValidateSchedule(stored));
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Schedules().Update(stored));
    return gate_.AppendAudit(r, ctx, decision, Action::kScheduleWrite, target, subject,
                             AuditOutcome::kAllowed);
  }));
  return stored;
}

Result<std::vector<QuestionnaireSchedule>> Schedules::ListSchedules(const RequestContext& ctx,
                                                                    std::optional<Id> site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  std::vector<Id> sites;
  if (site_id) {
    COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kScheduleRead,
                                         SiteTarget(*site_id), {"schedule", "", std::nullopt}));
    sites.push_back(*site_id);
  } else {
    for (const Membership& m : principal.memberships) {
      if (m.site_id &&
          Authorize(principal, Action::kScheduleRead, SiteTarget(*m.site_id)).allowed) {
        sites.push_back(*m.site_id);
      }
    }
  }
  return store::ReadValue<std::vector<QuestionnaireSchedule>>(
      store_, [&](store::Repositories& r) { return r.Schedules().List(sites); });
}

Result<PlannedVisit> Schedules::PlanVisit(const RequestContext& ctx, PlannedVisit visit) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  if (!visit.note.empty()) {
    COVALUE_RETURN_IF_ERROR(ValidateText(visit.note, "note", kMaxNoteLength));
  }
  COVALUE_ASSIGN_OR_RETURN(auto access,
                           gate_.AccessPatient(ctx, visit.patient_id, Action::kVisitWrite));
  visit.site_id = access.first.site_id;
  visit.created_by = gate_.GrantedByOf(principal).user_id;
  visit.created_ms = gate_.NowMs();
  return store::WriteValue<PlannedVisit>(
      store_, [&](store::Repositories& r) -> Result<PlannedVisit> {
        COVALUE_ASSIGN_OR_RETURN(PlannedVisit stored, r.Schedules().AddVisit(visit));
        COVALUE_RETURN_IF_ERROR(gate_.AppendAudit(
            r, ctx, access.second, Action::kVisitWrite, TargetOf(access.first),
            {"visit", std::to_string(stored.id), visit.patient_id}, AuditOutcome::kAllowed));
        return stored;
      });
}

Status Schedules::CancelVisit(const RequestContext& ctx, Id visit_id) {
  COVALUE_RETURN_IF_ERROR(gate_.Require(ctx));
  auto visit = store::ReadValue<PlannedVisit>(
      store_, [&](store::Repositories& r) { return r.Schedules().GetVisit(visit_id); });
  if (!visit) {
    return Fail(ErrorCode::kNotFound, fmt::format("visit {} does not exist", visit_id), "id");
  }
  COVALUE_ASSIGN_OR_RETURN(auto access,
                           gate_.AccessPatient(ctx, visit->patient_id, Action::kVisitWrite));
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Schedules().RemoveVisit(visit_id));
    return gate_.AppendAudit(r, ctx, access.second, Action::kVisitWrite, TargetOf(access.first),
                             {"visit", std::to_string(visit_id), visit->patient_id},
                             AuditOutcome::kAllowed);
  });
}

Result<std::size_t> Schedules::ImportVisits(const RequestContext& ctx, Id site_id,
                                            std::string_view csv) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Target target = SiteTarget(site_id);
  const Subject subject{"visit", "file", std::nullopt};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kVisitWrite, target, subject));
  COVALUE_ASSIGN_OR_RETURN(formats::VisitsFile file, formats::ReadVisitsCsv(csv));
  COVALUE_ASSIGN_OR_RETURN(auto keys, store::ReadValue<std::vector<store::PatientKey>>(
                                          store_, [&](store::Repositories& r) {
                                            return r.Registry().PatientKeys(site_id);
                                          }));
  std::map<std::string, Id> patients;
  for (const store::PatientKey& key : keys) {
    patients.emplace(key.identifier, key.id);
  }
  std::vector<PlannedVisit> visits;
  for (const formats::VisitRow& row : file.rows) {
    const auto found = patients.find(row.identifier);
    if (found == patients.end()) {
      file.rejected.push_back({row.line, "identifier", "is no patient of the site"});
      continue;
    }
    visits.push_back({0, site_id, found->second, row.at_ms, row.note,
                      gate_.GrantedByOf(principal).user_id, gate_.NowMs()});
  }
  if (!file.rejected.empty()) {
    std::sort(file.rejected.begin(), file.rejected.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
    std::string message = "nothing was imported:";
    for (std::size_t i = 0; i < file.rejected.size() && i < 20; ++i) {
      const formats::RejectedLine& r = file.rejected[i];
      message += fmt::format("{} line {} ({}): {}", i == 0 ? "" : ";", r.line, r.column, r.reason);
    }
    return Fail(ErrorCode::kInvalidArgument, message,
                fmt::format("line {}", file.rejected.front().line));
  }
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    for (const PlannedVisit& visit : visits) {
      COVALUE_RETURN_IF_ERROR(r.Schedules().AddVisit(visit));
    }
    return gate_.AppendAudit(r, ctx, decision, Action::kVisitWrite, target,
                             {"visit", fmt::format("file of {}", visits.size()), std::nullopt},
                             AuditOutcome::kAllowed);
  }));
  return visits.size();
}

Result<std::vector<PlannedVisit>> Schedules::ListVisits(const RequestContext& ctx, Id patient_id) {
  COVALUE_RETURN_IF_ERROR(gate_.ReadPatientRecord(ctx, patient_id, "visit", ""));
  return store::ReadValue<std::vector<PlannedVisit>>(store_, [&](store::Repositories& r) {
    return r.Schedules().Visits(patient_id, std::nullopt, kBeginning, kEndOfTime);
  });
}

Result<std::vector<Schedules::SitePatientDue>> Schedules::DueAtSite(Id site_id,
                                                                    std::optional<Id> patient_id) {
  std::vector<QuestionnaireSchedule> schedules;
  std::vector<store::PatientKey> patients;
  std::vector<store::Completion> completions;
  std::vector<PlannedVisit> visits;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    COVALUE_ASSIGN_OR_RETURN(schedules, r.Schedules().List(std::vector<Id>{site_id}));
    std::erase_if(schedules, [](const QuestionnaireSchedule& s) { return !s.active; });
    if (schedules.empty()) {
      return Ok();
    }
    if (patient_id) {
      COVALUE_ASSIGN_OR_RETURN(Patient p, r.Registry().GetPatient(*patient_id));
      patients.push_back({p.id, p.identifier, p.population_id, p.created_ms});
    } else {
      // The site's patients in one read: their ids, identifiers, populations and enrolment.
      COVALUE_ASSIGN_OR_RETURN(patients, r.Registry().PatientKeys(site_id));
    }
    COVALUE_ASSIGN_OR_RETURN(completions, r.Schedules().Completions(site_id, patient_id));
    COVALUE_ASSIGN_OR_RETURN(visits,
                             r.Schedules().Visits(patient_id, site_id, kBeginning, kEndOfTime));
    return Ok();
  }));
  std::map<std::pair<Id, std::string>, std::vector<std::int64_t>> answered;
  for (const store::Completion& c : completions) {
    answered[{c.patient_id, c.questionnaire_id}].push_back(c.authored_ms);
  }
  std::map<Id, std::vector<PlannedVisit>> visits_of;
  for (PlannedVisit& v : visits) {
    visits_of[v.patient_id].push_back(std::move(v));
  }
  const std::int64_t now = gate_.NowMs();
  std::vector<SitePatientDue> out;
  for (store::PatientKey& patient : patients) {
    SitePatientDue entry{std::move(patient), {}};
    for (const QuestionnaireSchedule& s : schedules) {
      if (s.population_id != entry.patient.population_id) {
        continue;
      }
      const auto occasions =
          OccasionsOf(s, entry.patient.created_ms, answered[{entry.patient.id, s.questionnaire_id}],
                      visits_of[entry.patient.id], now);
      if (auto current = CurrentOccasion(occasions)) {
        const auto opened =
            std::find_if(occasions.rbegin(), occasions.rend(),
                         [](const Occasion& o) { return o.state != OccasionState::kUpcoming; });
        entry.due.push_back(
            {s.id, s.questionnaire_id, s.questionnaire_id, *current,
             opened != occasions.rend() && opened->state == OccasionState::kCompleted});
      }
    }
    if (!entry.due.empty()) {
      SortByUrgency(entry.due);
      out.push_back(std::move(entry));
    }
  }
  return out;
}

Result<std::vector<DueQuestionnaire>> Schedules::PatientDue(const RequestContext& ctx,
                                                            Id patient_id) {
  COVALUE_ASSIGN_OR_RETURN(Patient patient,
                           gate_.ReadPatientRecord(ctx, patient_id, "schedule", "due"));
  COVALUE_ASSIGN_OR_RETURN(auto at_site, DueAtSite(patient.site_id, patient_id));
  std::vector<DueQuestionnaire> due =
      at_site.empty() ? std::vector<DueQuestionnaire>{} : std::move(at_site.front().due);
  for (DueQuestionnaire& d : due) {
    d.title = TitleOf(ctx, d.questionnaire_id);
  }
  return due;
}

Result<std::vector<OverdueQuestionnaire>> Schedules::Overdue(const RequestContext& ctx,
                                                             Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kPatientList, SiteTarget(site_id),
                                        {"schedule", "overdue", std::nullopt}));
  COVALUE_ASSIGN_OR_RETURN(auto at_site, DueAtSite(site_id, std::nullopt));
  std::vector<OverdueQuestionnaire> out;
  std::map<std::string, std::string> titles;
  std::vector<std::pair<Id, Id>> read;
  for (SitePatientDue& entry : at_site) {
    for (DueQuestionnaire& d : entry.due) {
      if (d.occasion.state != OccasionState::kOverdue) {
        continue;
      }
      auto [title, fresh] = titles.try_emplace(d.questionnaire_id);
      if (fresh) {
        title->second = TitleOf(ctx, d.questionnaire_id);
      }
      d.title = title->second;
      out.push_back({entry.patient.id, entry.patient.identifier, d});
    }
    if (!out.empty() && out.back().patient_id == entry.patient.id) {
      read.emplace_back(site_id, entry.patient.id);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.due.occasion.due_ms < b.due.occasion.due_ms;
  });
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordBulkRead(ctx, decision, Action::kPatientList, "schedule", read));
  return out;
}

Result<std::vector<ScheduleCounts>> Schedules::Counts(const RequestContext& ctx, Id site_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_RETURN_IF_ERROR(gate_.Permit(ctx, principal, Action::kScheduleRead, SiteTarget(site_id),
                                       {"schedule", "counts", std::nullopt}));
  COVALUE_ASSIGN_OR_RETURN(auto at_site, DueAtSite(site_id, std::nullopt));
  std::map<Id, ScheduleCounts> counts;
  for (const SitePatientDue& entry : at_site) {
    ScheduleCounts& c = counts[entry.patient.population_id];
    c.population_id = entry.patient.population_id;
    ++c.patients;
    const auto has = [&](OccasionState state) {
      return std::any_of(entry.due.begin(), entry.due.end(),
                         [&](const DueQuestionnaire& d) { return d.occasion.state == state; });
    };
    if (has(OccasionState::kOverdue)) {
      ++c.overdue;
    } else if (has(OccasionState::kDue)) {
      ++c.due;
    } else if (std::any_of(entry.due.begin(), entry.due.end(),
                           [](const DueQuestionnaire& d) { return d.answered; })) {
      ++c.completed;  // nothing open, and what has opened was answered
    }
  }
  std::vector<ScheduleCounts> out;
  for (auto& [id, c] : counts) {
    out.push_back(c);
  }
  return out;
}

Result<std::string> Schedules::CreateFeed(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"calendar", "feed", principal.user_id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kCalendarRead, {}, subject));
  const std::string token = crypto::NewSecret();
  COVALUE_RETURN_IF_ERROR(store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(
        r.Schedules().SetFeed(principal.user_id, crypto::HashSecret(token), gate_.NowMs()));
    return gate_.AppendAudit(r, ctx, decision, Action::kCalendarRead, {}, subject,
                             AuditOutcome::kAllowed);
  }));
  return token;
}

Status Schedules::RemoveFeed(const RequestContext& ctx) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  const Subject subject{"calendar", "feed", principal.user_id};
  COVALUE_ASSIGN_OR_RETURN(Decision decision,
                           gate_.Permit(ctx, principal, Action::kCalendarRead, {}, subject));
  return store_.Write([&](store::Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Schedules().SetFeed(principal.user_id, "", gate_.NowMs()));
    return gate_.AppendAudit(r, ctx, decision, Action::kCalendarRead, {}, subject,
                             AuditOutcome::kAllowed);
  });
}

Result<std::string> Schedules::Calendar(const RequestContext& ctx, const std::string& token) {
  auto owner = store::ReadValue<User>(store_, [&](store::Repositories& r) -> Result<User> {
    COVALUE_ASSIGN_OR_RETURN(Id user_id, r.Schedules().FeedOwner(crypto::HashSecret(token)));
    return r.Users().Get(user_id);
  });
  if (!owner || owner->deactivated_ms) {
    return Fail(ErrorCode::kNotFound, "no calendar feed has that address");
  }
  RequestContext as_owner = ctx;
  as_owner.principal = Principal{owner->id, owner->username, owner->memberships};
  CalendarBuilder calendar(gate_.NowMs());
  // A patient's own due questionnaires and visits.
  auto own = store::ReadValue<std::optional<Patient>>(
      store_, [&](store::Repositories& r) { return r.Registry().PatientOfUser(owner->id); });
  if (own && *own) {
    COVALUE_ASSIGN_OR_RETURN(auto due, PatientDue(as_owner, (*own)->id));
    COVALUE_ASSIGN_OR_RETURN(auto visits, ListVisits(as_owner, (*own)->id));
    for (const DueQuestionnaire& d : due) {
      calendar.AddDue(d, "");
    }
    for (const PlannedVisit& v : visits) {
      calendar.AddVisit(v, "");
    }
  }
  // A professional's (or admin's) sites: their patients' visits and who is overdue.
  for (const Membership& m : owner->memberships) {
    if (!m.site_id || (m.role != Role::kProfessional && m.role != Role::kAdmin)) {
      continue;
    }
    COVALUE_ASSIGN_OR_RETURN(auto overdue, Overdue(as_owner, *m.site_id));
    for (const OverdueQuestionnaire& o : overdue) {
      calendar.AddDue(o.due, o.identifier);
    }
    std::vector<PlannedVisit> visits;
    std::map<Id, std::string> identifiers;
    COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(
          visits, r.Schedules().Visits(std::nullopt, *m.site_id, kBeginning, kEndOfTime));
      if (visits.empty()) {
        return Ok();
      }
      COVALUE_ASSIGN_OR_RETURN(auto keys, r.Registry().PatientKeys(*m.site_id));
      for (const store::PatientKey& key : keys) {
        identifiers.emplace(key.id, key.identifier);
      }
      return Ok();
    }));
    if (!visits.empty()) {
      std::set<Id> persons;
      for (const PlannedVisit& v : visits) {
        persons.insert(v.patient_id);
      }
      std::vector<std::pair<Id, Id>> read;
      for (Id person : persons) {
        read.emplace_back(*m.site_id, person);
      }
      COVALUE_ASSIGN_OR_RETURN(
          Decision decision,
          gate_.Permit(as_owner, *as_owner.principal, Action::kPatientList, SiteTarget(*m.site_id),
                       {"visit", "calendar", std::nullopt}));
      COVALUE_RETURN_IF_ERROR(
          gate_.RecordBulkRead(as_owner, decision, Action::kPatientList, "visit", read));
      for (const PlannedVisit& v : visits) {
        calendar.AddVisit(v, identifiers[v.patient_id]);
      }
    }
  }
  return calendar.Text();
}

}  // namespace covalue::app
