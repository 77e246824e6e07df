#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/questionnaires/questionnaires.h"
#include "domain/error.h"
#include "domain/schedule.h"
#include "store/registry_repository.h"
#include "store/store.h"

namespace covalue::app {

// What a schedule asks of one patient now (domain/schedule.h's CurrentOccasion).
struct DueQuestionnaire {
  Id schedule_id = 0;
  std::string questionnaire_id;
  std::string title;
  Occasion occasion;
  bool answered = false;  // the latest occasion that has opened was answered
};

// A patient whose latest occasion of a schedule is past its due day: the worklist's line.
struct OverdueQuestionnaire {
  Id patient_id = 0;
  std::string identifier;
  DueQuestionnaire due;
};

// Where a population's people stand with its schedules: how many patients have a questionnaire
// overdue, due, and how many have answered every one they were asked so far.
struct ScheduleCounts {
  Id population_id = 0;
  std::size_t patients = 0;
  std::size_t overdue = 0;
  std::size_t due = 0;
  std::size_t completed = 0;
};

// Questionnaire schedules (REDCap/MyCap's): a site's admins assign questionnaires to its
// populations, at enrolment, every N days, weeks or months, or in a window before each planned
// visit, until a date. A schedule decides what is offered and due, never what may be answered:
// any questionnaire the site may use can still be submitted. Patients see what is due with the
// due day; the site's professionals see who is overdue (the worklist beside the alerts) and the
// counts per population; both may subscribe to their due days and visits as an iCalendar feed
// at a secret address. Enrolment is the patient record's creation.
class Schedules {
 public:
  Schedules(store::Store& store, Gate& gate, Questionnaires& questionnaires)
      : store_(store), gate_(gate), questionnaires_(questionnaires) {}
  Schedules(const Schedules&) = delete;
  Schedules& operator=(const Schedules&) = delete;

  // The population's site's admins; the questionnaire must be one the site may use.
  // kInvalidArgument naming the field; kNotFound for an unknown population.
  [[nodiscard]] Result<QuestionnaireSchedule> DefineSchedule(const RequestContext& ctx,
                                                             QuestionnaireSchedule schedule);
  // Changes kind, every, unit, window_days, until and active of schedule.id.
  [[nodiscard]] Result<QuestionnaireSchedule> ChangeSchedule(const RequestContext& ctx,
                                                             const QuestionnaireSchedule& schedule);
  // The schedules of a site (its staff), or of every site where the caller is staff.
  [[nodiscard]] Result<std::vector<QuestionnaireSchedule>> ListSchedules(const RequestContext& ctx,
                                                                         std::optional<Id> site_id);

  // A visit of a patient (their site's professionals and admins); at_ms any time, the note up
  // to 200 characters.
  [[nodiscard]] Result<PlannedVisit> PlanVisit(const RequestContext& ctx, PlannedVisit visit);
  [[nodiscard]] Status CancelVisit(const RequestContext& ctx, Id visit_id);
  // A visits file of site_id (formats/visits_csv.h: identifier, at, note), all or nothing: every
  // line is checked (its cells, the identifier a patient of the site) and when any is refused
  // nothing is written and the error lists the lines ("line 3 (at): …"). The site's
  // professionals and admins; one audit record. The visits planned.
  [[nodiscard]] Result<std::size_t> ImportVisits(const RequestContext& ctx, Id site_id,
                                                 std::string_view csv);
  // The patient's visits, soonest first (whoever reads the patient's record).
  [[nodiscard]] Result<std::vector<PlannedVisit>> ListVisits(const RequestContext& ctx,
                                                             Id patient_id);

  // What the active schedules of the patient's population ask of them now, soonest due first
  // (whoever reads the patient's record).
  [[nodiscard]] Result<std::vector<DueQuestionnaire>> PatientDue(const RequestContext& ctx,
                                                                 Id patient_id);
  // The site's patients with a questionnaire overdue, longest overdue first (its professionals
  // and admins; audited as a read of the persons listed).
  [[nodiscard]] Result<std::vector<OverdueQuestionnaire>> Overdue(const RequestContext& ctx,
                                                                  Id site_id);
  // Per population of the site with a schedule (its staff).
  [[nodiscard]] Result<std::vector<ScheduleCounts>> Counts(const RequestContext& ctx, Id site_id);

  // A new secret address of the caller's calendar feed (the token in it); the one before stops.
  [[nodiscard]] Result<std::string> CreateFeed(const RequestContext& ctx);
  [[nodiscard]] Status RemoveFeed(const RequestContext& ctx);
  // The feed a token opens, as iCalendar (RFC 5545): a patient's due questionnaires and visits;
  // a professional's visits of the patients of their sites and who is overdue there. Read as
  // the feed's owner (their account must still be active), audited. kNotFound for an unknown
  // token. product: the calendar's name.
  [[nodiscard]] Result<std::string> Calendar(const RequestContext& ctx, const std::string& token);

 private:
  // Every patient of a site (or the one asked for) with the due occasions of their
  // population's active schedules.
  struct SitePatientDue {
    store::PatientKey patient;
    std::vector<DueQuestionnaire> due;
  };
  Result<std::vector<SitePatientDue>> DueAtSite(Id site_id, std::optional<Id> patient_id);
  std::string TitleOf(const RequestContext& ctx, const std::string& questionnaire_id);

  store::Store& store_;
  Gate& gate_;
  Questionnaires& questionnaires_;
};

}  // namespace covalue::app
