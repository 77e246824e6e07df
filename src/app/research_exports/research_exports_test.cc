// De-identified research exports through the app: a researcher's project, approved by a site's
// own admin; every file checked column by column against the rules (no identifier, name, birth
// date or free text; pseudonyms by a keyed hash per project; every date shifted by one offset
// per person, never 0; ages banded, 90 and over together; small counts withheld).

#include "app/research_exports/research_exports.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/dates.h"
#include "formats/csv_file.h"
#include "store/registry_repository.h"
#include "support/app_fixture.h"

namespace covalue::app {
namespace {

using Table = std::vector<std::map<std::string, std::string>>;

Table Parse(const std::string& csv) {
  std::vector<std::string> header;
  Table rows;
  EXPECT_TRUE(formats::ReadCsv(csv, [&](const formats::CsvRecord& r) -> Status {
    if (header.empty()) {
      header = r.fields;
      return Ok();
    }
    EXPECT_EQ(r.fields.size(), header.size());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < r.fields.size(); ++i) row[header[i]] = r.fields[i];
    rows.push_back(row);
    return Ok();
  }));
  return rows;
}

std::int64_t Day(const std::string& date) { return DayOf(*ParseDateMs(date)); }

class ResearchExportsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    researcher_ = As("rita", {Role::kResearcher, std::nullopt, std::nullopt});
    other_researcher_ = As("rolf", {Role::kResearcher, std::nullopt, std::nullopt});
    admin_a_ = As("anna", {Role::kAdmin, sites_[0].id, std::nullopt});
    community_admin_ = As("ada", {Role::kAdmin, std::nullopt, std::nullopt});
    professional_ = As("nils", {Role::kProfessional, sites_[0].id, std::nullopt});
    const Id pop_a = teams_[0].population_id;
    const Id pop_b = teams_[1].population_id;
    const std::int64_t enrolled = *ParseDateMs("2026-01-10");
    ASSERT_OK(store_->Write([&](store::Repositories& r) -> Status {
      const auto patient = [&](Id site, Id population, const char* identifier, const char* birth,
                               const char* diagnosis, Consent consent) -> Result<Patient> {
        Patient p;
        p.site_id = site;
        p.population_id = population;
        p.identifier = identifier;
        p.family = "Berg";
        p.given = "Karin";
        p.birth_date = birth;
        p.diagnosis_date = diagnosis;
        p.sex = Sex::kFemale;
        p.consent = consent;
        p.fields = {{"comment", "lives on Storgatan 1"}};
        p.created_ms = enrolled;
        return r.Registry().CreatePatient(p);
      };
      COVALUE_ASSIGN_OR_RETURN(old_, patient(sites_[0].id, pop_a, "A-001", "1930-06-01",
                                             "2020-05-05", Consent::kConsented));
      COVALUE_ASSIGN_OR_RETURN(young_, patient(sites_[0].id, pop_a, "A-002", "1980-03-15", "",
                                               Consent::kConsented));
      COVALUE_ASSIGN_OR_RETURN(declined_, patient(sites_[0].id, pop_a, "A-003", "1990-01-01", "",
                                                  Consent::kDeclined));
      COVALUE_ASSIGN_OR_RETURN(elsewhere_, patient(sites_[1].id, pop_b, "B-001", "1970-01-01", "",
                                                   Consent::kConsented));
      const auto observe = [&](const Patient& p, const char* system, const char* code,
                               double value, const char* day, const char* band) -> Status {
        Observation o;
        o.site_id = p.site_id;
        o.population_id = p.population_id;
        o.patient_id = p.id;
        o.system = system;
        o.code = code;
        o.display = code;
        o.value = value;
        o.effective_ms = *ParseDateMs(day) + 9 * 3'600'000;
        o.interpretation = band;
        return r.Registry().AddObservation(o).map([](const Observation&) {});
      };
      COVALUE_RETURN_IF_ERROR(observe(old_, "urn:ms", "edss", 3.5, "2026-02-01", ""));
      COVALUE_RETURN_IF_ERROR(observe(old_, kScoreSystem, "phq-9", 12, "2026-02-02", "moderate"));
      COVALUE_RETURN_IF_ERROR(observe(old_, kScoreSystem, "cvq/communication", 4, "2026-02-02", ""));
      COVALUE_RETURN_IF_ERROR(observe(young_, "urn:ms", "edss", 2, "2026-03-01", ""));
      COVALUE_RETURN_IF_ERROR(observe(declined_, "urn:ms", "edss", 6, "2026-03-01", ""));
      return observe(elsewhere_, "urn:ms", "edss", 1, "2026-03-01", "");
    }));
  }

  ResearchExports& exports() { return app_->research_exports(); }

  Table File(Id project, ExportFile file) {
    auto csv = exports().Export(researcher_, project, file);
    EXPECT_TRUE(csv.has_value()) << (csv ? "" : csv.error().message);
    return csv ? Parse(*csv) : Table{};
  }

  RequestContext researcher_, other_researcher_, admin_a_, community_admin_, professional_;
  Patient old_, young_, declined_, elsewhere_;
};

TEST_F(ResearchExportsTest, ASitesOwnAdminApprovesAndTheResearcherExportsDeidentifiedFiles) {
  auto project = exports().CreateProject(researcher_, {0, "MS outcomes", "Relapses", 0, 30, 0});
  ASSERT_OK(project);
  const Id id = project->project.id;
  EXPECT_EQ(exports().CreateProject(professional_, {0, "x", "", 0, 30, 0}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(exports().Export(researcher_, id, ExportFile::kPeople).error().field, "/approvals");
  EXPECT_EQ(exports().Approve(admin_a_, id, sites_[1].id).error().code,
            ErrorCode::kPermissionDenied) << "another site's data";
  EXPECT_EQ(exports().Approve(community_admin_, id, sites_[0].id).error().code,
            ErrorCode::kPermissionDenied) << "the site's own admin only";
  auto approved = exports().Approve(admin_a_, id, sites_[0].id);
  ASSERT_OK(approved);
  ASSERT_EQ(approved->approvals.size(), 1U);
  EXPECT_EQ(approved->approvals[0].site_name, "Site A");

  for (const RequestContext& who : {other_researcher_, admin_a_, professional_, community_admin_}) {
    EXPECT_EQ(exports().Export(who, id, ExportFile::kPeople).error().code,
              ErrorCode::kPermissionDenied);
  }

  // people.csv: the consented people of the approved site only, without identifiers.
  const Table people = File(id, ExportFile::kPeople);
  ASSERT_EQ(people.size(), 2U) << "the declined and the other site's are left out";
  std::map<std::string, int> shift_of;  // pseudonym → the shift seen
  std::map<std::string, std::string> band_of;
  for (const auto& row : people) {
    EXPECT_EQ(row.size(), 7U);
    EXPECT_TRUE(row.at("person").starts_with("R"));
    EXPECT_EQ(row.at("person").size(), 17U);
    EXPECT_EQ(row.at("sex"), "female");
    const int shift = static_cast<int>(Day(row.at("enrolled")) - Day("2026-01-10"));
    EXPECT_NE(shift, 0);
    EXPECT_LE(std::abs(shift), 30);
    shift_of[row.at("person")] = shift;
    band_of[row.at("person")] = row.at("age_band_at_enrolment");
    if (!row.at("diagnosed").empty()) {
      EXPECT_EQ(Day(row.at("diagnosed")) - Day("2020-05-05"), shift) << "one offset per person";
    }
  }
  std::set<std::string> bands;
  for (const auto& [person, band] : band_of) bands.insert(band);
  EXPECT_EQ(bands, (std::set<std::string>{"90+", "45-49"}));

  // observations.csv and scores.csv: dates moved by the person's own offset.
  const Table observations = File(id, ExportFile::kObservations);
  ASSERT_EQ(observations.size(), 2U);
  for (const auto& row : observations) {
    ASSERT_TRUE(shift_of.contains(row.at("person")));
    const std::string real = row.at("value") == "3.5" ? "2026-02-01" : "2026-03-01";
    EXPECT_EQ(Day(row.at("date")) - Day(real), shift_of[row.at("person")]);
    EXPECT_EQ(row.at("code"), "edss");
  }
  const Table scores = File(id, ExportFile::kScores);
  ASSERT_EQ(scores.size(), 2U);
  std::map<std::string, std::map<std::string, std::string>> by_scale;
  for (const auto& row : scores) by_scale[row.at("questionnaire") + "/" + row.at("scale")] = row;
  EXPECT_EQ(by_scale["phq-9/total"].at("value"), "12");
  EXPECT_EQ(by_scale["phq-9/total"].at("band"), "moderate");
  EXPECT_EQ(by_scale["phq-9/total"].at("age_band"), "90+");
  EXPECT_EQ(by_scale["cvq/communication"].at("value"), "4");

  // No file holds an identifier, a name, a birth date or free text. (No person's own dates are
  // real: each is moved by their nonzero shift, checked above; one person's shifted day may
  // fall on another's real one, so dates are not looked for across files.)
  for (ExportFile file : kAllExportFiles) {
    auto csv = exports().Export(researcher_, id, file);
    ASSERT_OK(csv);
    for (const char* never : {"A-001", "A-002", "Berg", "Karin", "1930-06-01", "1980-03-15",
                              "Storgatan", "B-001"}) {
      EXPECT_EQ(csv->find(never), std::string::npos) << ExportFileName(file) << ": " << never;
    }
  }
  for (const auto& row : scores) {
    EXPECT_NE(row.at("date"), "2026-02-02") << "the scores' own day, shifted";
  }

  // The dictionary describes every column of every file.
  std::set<std::pair<std::string, std::string>> described;
  for (const auto& row : File(id, ExportFile::kDictionary)) described.insert({row.at("file"), row.at("column")});
  for (ExportFile file : kAllExportFiles) {
    if (file == ExportFile::kDictionary) continue;
    for (const auto& row : File(id, file)) {
      for (const auto& [column, value] : row) {
        EXPECT_TRUE(described.contains({std::string(ExportFileName(file)), column}))
            << ExportFileName(file) << " " << column;
      }
    }
  }

  // Counts of 1 to min_cell − 1 people are withheld; with a minimum cell of 1 they show.
  for (const auto& row : File(id, ExportFile::kSummary)) {
    EXPECT_EQ(row.at("suppressed"), "true");
    EXPECT_EQ(row.at("people"), "");
  }
  for (const auto& row : File(id, ExportFile::kCodes)) EXPECT_EQ(row.at("people"), "");
  exports().SetMinCell(1);
  const Table summary = File(id, ExportFile::kSummary);
  ASSERT_EQ(summary.size(), 1U);
  EXPECT_EQ(summary[0].at("people"), "2");
  EXPECT_EQ(summary[0].at("observations"), "2");
  EXPECT_EQ(summary[0].at("scores"), "2");

  // The same pseudonyms in the next export; others in another project.
  EXPECT_EQ(File(id, ExportFile::kPeople)[0].at("person"), people[0].at("person"));
  auto second = exports().CreateProject(researcher_, {0, "Second", "", 0, 30, 0});
  ASSERT_OK(second);
  ASSERT_OK(exports().Approve(admin_a_, second->project.id, sites_[0].id));
  for (const auto& row : File(second->project.id, ExportFile::kPeople)) {
    EXPECT_FALSE(shift_of.contains(row.at("person"))) << "unlinkable across projects";
  }

  // Revoked: nothing more leaves the site; the export was audited.
  ASSERT_OK(exports().Revoke(admin_a_, id, sites_[0].id));
  EXPECT_EQ(exports().Export(researcher_, id, ExportFile::kPeople).error().field, "/approvals");
  EXPECT_EQ(exports().Revoke(admin_a_, id, sites_[0].id).error().code, ErrorCode::kNotFound);
  bool audited = false;
  for (const AuditRecord& r : AuditTrail()) {
    audited |= r.action == "research_project.manage" && r.resource_type == "research_export" &&
               r.resource_id == std::to_string(id) + "/people.csv";
  }
  EXPECT_TRUE(audited);

  // Researchers list their own projects; admins every project, to review.
  auto own = exports().ListProjects(researcher_);
  ASSERT_OK(own);
  EXPECT_EQ(own->size(), 2U);
  auto others = exports().ListProjects(other_researcher_);
  ASSERT_OK(others);
  EXPECT_TRUE(others->empty());
  auto reviewed = exports().ListProjects(admin_a_);
  ASSERT_OK(reviewed);
  EXPECT_EQ(reviewed->size(), 2U);
  EXPECT_TRUE(exports().GetProject(admin_a_, id).has_value());
  EXPECT_EQ(exports().GetProject(other_researcher_, id).error().code,
            ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace covalue::app
