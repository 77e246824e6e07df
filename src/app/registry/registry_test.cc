#include "app/registry/registry.h"

#include "support/app_fixture.h"

namespace covalue::app {
namespace {

class RegistryTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    professional_a_ = As("prof-a", {Role::kProfessional, sites_[0].id, std::nullopt});
    professional_b_ = As("prof-b", {Role::kProfessional, sites_[1].id, std::nullopt});
    facilitator_ = As("facilitator", {Role::kFacilitator, std::nullopt, std::nullopt});
    for (std::size_t s = 0; s < 2; ++s) {
      RegistryRecord record;
      record.patient.site_id = sites_[s].id;
      record.patient.population_id = teams_[s].population_id;
      record.patient.identifier = "P-" + std::to_string(s);
      record.patient.birth_date = "1975-03-04";
      for (int month = 1; month <= 3; ++month) {
        Observation o;
        o.system = "urn:covalue:registry";
        o.code = "edss";
        o.display = "EDSS";
        o.effective_ms = (1'735'689'600LL + month * 2'678'400LL) * 1000;  // 2025, monthly
        o.value = 2.0 + month;
        record.observations.push_back(o);
      }
      std::vector<RegistryRecord> records{record};
      ASSERT_OK(registry().ImportRegistry(system_, sites_[s].id, std::move(records)));
    }
    // The community's admin imports but may not list a site's people: each site's admin does.
    EXPECT_ERROR(registry().ListPatients(system_, {}), ErrorCode::kPermissionDenied);
    for (std::size_t s = 0; s < 2; ++s) {
      auto listed = registry().ListPatients(
          As("admin-" + std::to_string(s), {Role::kAdmin, sites_[s].id, std::nullopt}), {});
      ASSERT_OK(listed);
      ASSERT_EQ(listed->items.size(), 1U);
      (s == 0 ? patient_a_ : patient_b_) = listed->items[0];
    }
  }

  Registry& registry() { return app_->registry(); }

  RequestContext professional_a_, professional_b_, facilitator_;
  Patient patient_a_, patient_b_;
};

TEST_F(RegistryTest, ARecordIsItsSitesAndAnUnknownOneIsRefusedTheSameWay) {
  ASSERT_OK(registry().GetPatient(professional_a_, patient_a_.id));
  const auto other_site = registry().GetPatient(professional_b_, patient_a_.id);
  const auto unknown = registry().GetPatient(professional_b_, 987654);
  EXPECT_ERROR(other_site, ErrorCode::kPermissionDenied);
  EXPECT_ERROR(unknown, ErrorCode::kPermissionDenied);
  EXPECT_ERROR(registry().GetPatient(facilitator_, patient_a_.id), ErrorCode::kPermissionDenied);

  const auto trail = AuditTrail();
  int refusals = 0;
  for (const AuditRecord& r : trail) {
    refusals += r.outcome == AuditOutcome::kDenied && r.action == ActionName(Action::kPatientRead);
  }
  EXPECT_EQ(refusals, 3);
}

TEST_F(RegistryTest, StaffListOnlyTheirSitesPeopleAndEachListIsAudited) {
  auto of_a = registry().ListPatients(professional_a_, {});
  ASSERT_OK(of_a);
  ASSERT_EQ(of_a->items.size(), 1U);
  EXPECT_EQ(of_a->items[0].id, patient_a_.id);
  EXPECT_ERROR(registry().ListPatients(facilitator_, {}), ErrorCode::kPermissionDenied);

  RecordFilter query;
  auto observations = registry().ListObservations(professional_b_, query, {});
  ASSERT_OK(observations);
  ASSERT_EQ(observations->items.size(), 3U);
  for (const Observation& o : observations->items) {
    EXPECT_EQ(o.patient_id, patient_b_.id);
  }
  bool audited = false;
  for (const AuditRecord& r : AuditTrail()) {
    audited |= r.user_id == professional_a_.principal->user_id &&
               r.person_ids == std::vector<Id>{patient_a_.id};
  }
  EXPECT_TRUE(audited) << "the list names the person it read";
}

TEST_F(RegistryTest, TheDashboardHoldsTheRecordAndTheNotesOfThoseWhoMayWriteThem) {
  ASSERT_OK(registry().AddPatientNote(professional_a_, patient_a_.id, NoteKind::kVisitNote,
                                      "Discussed sleep"));
  EXPECT_ERROR(registry().AddPatientNote(professional_a_, patient_a_.id, NoteKind::kVisitNote, ""),
               ErrorCode::kInvalidArgument);
  EXPECT_ERROR(registry().AddPatientNote(professional_b_, patient_a_.id, NoteKind::kVisitNote,
                                         "Not mine to write"),
               ErrorCode::kPermissionDenied);
  auto dashboard = registry().GetDashboard(professional_a_, patient_a_.id);
  ASSERT_OK(dashboard);
  EXPECT_EQ(dashboard->patient.id, patient_a_.id);
  ASSERT_EQ(dashboard->notes.size(), 1U);
  EXPECT_EQ(dashboard->notes[0].text, "Discussed sleep");
  ASSERT_TRUE(dashboard->last_visit_ms.has_value());
  EXPECT_TRUE(dashboard->alerts.empty());
}

}  // namespace
}  // namespace covalue::app
