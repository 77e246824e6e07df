#pragma once

#include <vector>

#include "app/accounts/accounts.h"
#include "app/alerts/alerts.h"
#include "app/audit/audit.h"
#include "app/community/community.h"
#include "app/costs/costs.h"
#include "app/kernel/gate.h"
#include "app/measures/measures.h"
#include "app/personas/personas.h"
#include "app/process_maps/process_maps.h"
#include "app/questionnaires/questionnaires.h"
#include "app/registry/registry.h"
#include "app/research_exports/research_exports.h"
#include "app/schedules/schedules.h"
#include "app/strata/strata.h"
#include "app/studies/studies.h"
#include "app/workbook_exports/workbook_exports.h"
#include "app/workbooks/workbooks.h"

namespace covalue::app {

// The use cases, held as one capability service each (app/README.md) over the kernel's Gate:
// every use case authenticates, asks the one policy function and writes the audit trail before
// it touches the store. Built once by the program's entry point; thread-safe; not copyable
// (the services hold the Gate by reference).
class App {
 public:
  // guides: the self-assessment guides, checked as a set; format: how questionnaires are stored.
  explicit App(store::Store& store, std::vector<Guide> guides = {},
               const QuestionnaireFormat* format = nullptr)
      : gate_(store),
        accounts_(store, gate_),
        alerts_(store, gate_),
        audit_(store, gate_),
        workbooks_(store, gate_, std::move(guides)),
        questionnaires_(store, gate_, format),
        measures_(store, gate_, workbooks_, questionnaires_),
        community_(store, gate_, accounts_, [this] { measures_.Invalidate(); }),
        registry_(store, gate_, accounts_, community_, alerts_, questionnaires_, measures_),
        schedules_(store, gate_, questionnaires_),
        studies_(store, gate_),
        research_exports_(store, gate_),
        costs_(store, gate_),
        strata_(store, gate_),
        process_maps_(store, gate_),
        personas_(store, gate_, workbooks_, strata_),
        workbook_exports_(gate_, workbooks_, personas_, process_maps_) {}

  // The clock the use cases read (Default: the system clock). REQUIRES: outlives the App.
  void SetClock(const Clock& clock) { gate_.SetClock(clock); }
  const Clock& clock() const { return gate_.clock(); }

  Accounts& accounts() { return accounts_; }
  Alerts& alerts() { return alerts_; }
  AuditTrail& audit() { return audit_; }
  Community& community() { return community_; }
  Workbooks& workbooks() { return workbooks_; }
  Questionnaires& questionnaires() { return questionnaires_; }
  Measures& measures() { return measures_; }
  Registry& registry() { return registry_; }
  Schedules& schedules() { return schedules_; }
  Studies& studies() { return studies_; }
  ResearchExports& research_exports() { return research_exports_; }
  Costs& costs() { return costs_; }
  Strata& strata() { return strata_; }
  ProcessMaps& process_maps() { return process_maps_; }
  Personas& personas() { return personas_; }
  WorkbookExports& workbook_exports() { return workbook_exports_; }

 private:
  Gate gate_;
  Accounts accounts_;
  Alerts alerts_;
  AuditTrail audit_;
  Workbooks workbooks_;
  Questionnaires questionnaires_;
  Measures measures_;
  Community community_;
  Registry registry_;
  Schedules schedules_;
  Studies studies_;
  ResearchExports research_exports_;
  Costs costs_;
  Strata strata_;
  ProcessMaps process_maps_;
  Personas personas_;
  WorkbookExports workbook_exports_;
};

}  // namespace covalue::app
