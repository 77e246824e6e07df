#include "store/registry_repository.h"

#include <span>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class RegistryRepositoryTest : public ConformanceTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ConformanceTest::SetUp());
    ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
      COVALUE_ASSIGN_OR_RETURN(Site a, r.Sites().Create({0, "A", "SE"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Site b, r.Sites().Create({0, "B", "NO"}, 0));
      COVALUE_ASSIGN_OR_RETURN(Population pa, r.Populations().Create({0, a.id, "MS", ""}));
      COVALUE_ASSIGN_OR_RETURN(Population pb, r.Populations().Create({0, b.id, "IBD", ""}));
      COVALUE_ASSIGN_OR_RETURN(User user, r.Users().Create({0, "pia", "Pia", {}}, "h", {}));
      site_a_ = a.id;
      site_b_ = b.id;
      population_a_ = pa.id;
      population_b_ = pb.id;
      user_ = user.id;
      return Ok();
    }));
  }

  Result<Patient> Create(Id site, Id population, const std::string& identifier,
                         std::optional<Id> user = std::nullopt) {
    Patient p;
    p.site_id = site;
    p.population_id = population;
    p.identifier = identifier;
    p.birth_date = "1980-04-02";
    p.sex = Sex::kFemale;
    p.diagnosis_date = "2015-06-01";
    p.consent = Consent::kConsented;
    p.fields = {{"edss", "3.5"}, {"phenotype", "relapsing"}};
    p.user_id = user;
    p.created_ms = 1;
    return WriteValue<Patient>(*store_,
                               [&](Repositories& r) { return r.Registry().CreatePatient(p); });
  }

  Observation Observe(const Patient& p, const std::string& code, std::int64_t at, double value) {
    auto added = WriteValue<Observation>(*store_, [&](Repositories& r) {
      return r.Registry().AddObservation(Observation{0, p.site_id, p.population_id, p.id,
                                                     kScoreSystem, code, code, at, value, "{score}",
                                                     "", std::nullopt});
    });
    EXPECT_TRUE(added.has_value());
    return *added;
  }

  std::vector<double> Values(const RecordQuery& query) {
    auto page = ReadValue<Page<Observation>>(*store_, [&](Repositories& r) {
      return r.Registry().ListObservations(query, PageRequest{0, 100});
    });
    EXPECT_TRUE(page.has_value());
    std::vector<double> out;
    for (const Observation& o : page->items) {
      out.push_back(o.value);
    }
    return out;
  }

  // The identifiers of the patients a listing finds, by id.
  std::vector<std::string> Identifiers(const PatientQuery& query) {
    auto page = ReadValue<Page<Patient>>(*store_, [&](Repositories& r) {
      return r.Registry().ListPatients({0, 100}, query);
    });
    EXPECT_TRUE(page.has_value());
    std::vector<std::string> out;
    for (const Patient& p : page->items) {
      out.push_back(p.identifier);
    }
    return out;
  }

  Id site_a_ = 0, site_b_ = 0, population_a_ = 0, population_b_ = 0, user_ = 0;
};

TEST_P(RegistryRepositoryTest, FindsEachPatientsLatestObservationOfEveryCode) {
  auto one = Create(site_a_, population_a_, "MRN-L1");
  auto two = Create(site_a_, population_a_, "MRN-L2");
  auto three = Create(site_a_, population_a_, "MRN-L3");
  ASSERT_OK(one);
  ASSERT_OK(two);
  ASSERT_OK(three);
  Observe(*one, "phq-9", 300, 12);
  Observe(*one, "phq-9", 100, 20);  // stored later, effective earlier
  Observe(*one, "phq-9", 300, 14);  // the same time: the later stored wins
  Observe(*one, "gad-7", 50, 3);
  Observe(*two, "phq-9", 200, 5);
  auto other = WriteValue<Observation>(*store_, [&](Repositories& r) {
    return r.Registry().AddObservation(Observation{0, site_a_, population_a_, one->id, "urn:other",
                                                   "edss", "EDSS", 900, 4.5, "", "", std::nullopt});
  });
  ASSERT_OK(other);
  auto latest = ReadValue<std::vector<Observation>>(*store_, [&](Repositories& r) {
    return r.Registry().LatestObservations({one->id, two->id, three->id}, kScoreSystem);
  });
  ASSERT_OK(latest);
  std::vector<std::tuple<Id, std::string, double>> seen;
  for (const Observation& o : *latest) {
    seen.emplace_back(o.patient_id, o.code, o.value);
  }
  EXPECT_EQ(seen, (std::vector<std::tuple<Id, std::string, double>>{
                      {one->id, "gad-7", 3}, {one->id, "phq-9", 14}, {two->id, "phq-9", 5}}));
}

TEST_P(RegistryRepositoryTest, KeepsPatientsWithTheirFieldsAndOneAccountEach) {
  auto created = Create(site_a_, population_a_, "MRN-1", user_);
  ASSERT_OK(created);
  auto read = ReadValue<Patient>(
      *store_, [&](Repositories& r) { return r.Registry().GetPatient(created->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->fields.at("edss"), "3.5");
  EXPECT_EQ(read->sex, Sex::kFemale);
  EXPECT_EQ(read->consent, Consent::kConsented);
  auto mine = ReadValue<std::optional<Patient>>(
      *store_, [&](Repositories& r) { return r.Registry().PatientOfUser(user_); });
  ASSERT_OK(mine);
  ASSERT_TRUE(mine->has_value());
  EXPECT_EQ((*mine)->identifier, "MRN-1");

  auto same_identifier = Create(site_a_, population_a_, "MRN-1");
  ASSERT_FALSE(same_identifier.has_value());
  EXPECT_EQ(same_identifier.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(Create(site_a_, population_a_, "MRN-2", user_).has_value());  // one account each
  EXPECT_TRUE(Create(site_b_, population_b_, "MRN-1").has_value());          // each site its own
}

TEST_P(RegistryRepositoryTest, FindsObservationsByPatientTimeCodeAndSite) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  auto ola = Create(site_b_, population_b_, "MRN-9");
  ASSERT_OK(pia);
  ASSERT_OK(ola);
  Observe(*pia, "phq-9", 1000, 12);
  Observe(*pia, "phq-9", 2000, 9);
  Observe(*pia, "gad-7", 2000, 4);
  Observe(*ola, "phq-9", 1500, 20);
  RecordQuery query;
  query.patient_id = pia->id;
  EXPECT_EQ(Values(query), (std::vector<double>{12, 9, 4}));
  query.code = "phq-9";
  EXPECT_EQ(Values(query), (std::vector<double>{12, 9}));
  query.from_ms = 1500;
  EXPECT_EQ(Values(query), (std::vector<double>{9}));
  query.to_ms = 2000;
  EXPECT_EQ(Values(query), (std::vector<double>{}));
  RecordQuery by_site;
  by_site.sites = std::vector<Id>{site_b_};
  EXPECT_EQ(Values(by_site), (std::vector<double>{20}));
  by_site.system = "http://loinc.org";
  EXPECT_EQ(Values(by_site), (std::vector<double>{}));
}

// Observations of any month, in any order, stored and found alike (PostgreSQL partitions them by
// month, making each month's partition before its first row); a write rolled back after making
// one does not keep a later write of that month from storing.
TEST_P(RegistryRepositoryTest, KeepsObservationsOfEveryMonthTogether) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  ASSERT_OK(pia);
  constexpr std::int64_t kDay = 86'400'000;
  const std::vector<std::int64_t> times = {
      1'709'164'800'000,            // 2024-02-29
      -2'208'988'800'000,           // 1900-01-01
      0,                            // 1970-01-01T00:00:00Z
      -1,                           // 1969-12-31T23:59:59.999Z
      1'709'251'199'999,            // 2024-02-29T23:59:59.999Z, the month's last ms
      4'102'444'800'000 - 1,        // 2099-12-31T23:59:59.999Z
      1'709'164'800'000 + 2 * kDay  // 2024-03-02
  };
  const Status rolled_back = store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Registry().AddObservation(
        Observation{0, pia->site_id, pia->population_id, pia->id, kScoreSystem, "edss", "EDSS",
                    3'000'000'000'000, 1, "score", "", std::nullopt}));  // 2065-01-24
    return Fail(ErrorCode::kConflict, "undone");
  });
  EXPECT_FALSE(rolled_back);
  std::vector<Id> ids;
  for (std::size_t i = 0; i < times.size(); ++i) {
    ids.push_back(Observe(*pia, "edss", times[i], static_cast<double>(i)).id);
  }
  ids.push_back(Observe(*pia, "edss", 3'000'000'000'000, 99).id);
  for (std::size_t i = 0; i < times.size(); ++i) {
    auto found = ReadValue<Observation>(
        *store_, [&](Repositories& r) { return r.Registry().GetObservation(ids[i]); });
    ASSERT_OK(found);
    EXPECT_EQ(found->effective_ms, times[i]);
    EXPECT_EQ(found->value, static_cast<double>(i));
  }
  RecordQuery query;
  query.patient_id = pia->id;
  EXPECT_EQ(Values(query), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 99}))
      << "in the order stored, across months";
  query.from_ms = -1;
  query.to_ms = 1'709'251'200'000;  // 2024-03-01
  EXPECT_EQ(Values(query), (std::vector<double>{0, 2, 3, 4}));
}

// A registry file's observations go in many to a statement: all of them, in order, with ids
// that follow the order, across statements and months.
TEST_P(RegistryRepositoryTest, AddsManyObservationsAtOnce) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  ASSERT_OK(pia);
  constexpr std::int64_t kDay = 86'400'000;
  std::vector<Observation> many;
  for (int i = 0; i < 1234; ++i) {
    many.push_back(Observation{0, pia->site_id, pia->population_id, pia->id, kScoreSystem,
                               i % 2 == 0 ? "edss" : "phq-9", "d", 1'600'000'000'000 + i * kDay,
                               static_cast<double>(i), "score", "", std::nullopt});
  }
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Registry().AddObservations(many); }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Registry().AddObservations(std::span<const Observation>());
  }));
  std::vector<Observation> stored;
  RecordQuery query;
  query.patient_id = pia->id;
  for (PageRequest page{0, PageRequest::kMaxLimit};;) {
    auto listed = ReadValue<Page<Observation>>(
        *store_, [&](Repositories& r) { return r.Registry().ListObservations(query, page); });
    ASSERT_OK(listed);
    stored.insert(stored.end(), listed->items.begin(), listed->items.end());
    if (!listed->next) {
      break;
    }
    page.after = *listed->next;
  }
  ASSERT_EQ(stored.size(), many.size());
  for (std::size_t i = 0; i < many.size(); ++i) {
    EXPECT_EQ(stored[i].value, static_cast<double>(i));
    EXPECT_EQ(stored[i].effective_ms, many[i].effective_ms);
    EXPECT_EQ(stored[i].code, many[i].code);
    if (i > 0) {
      EXPECT_GT(stored[i].id, stored[i - 1].id);
    }
  }
}

TEST_P(RegistryRepositoryTest, NeverChangesAResponseOrObservation) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  ASSERT_OK(pia);
  auto response = WriteValue<StoredResponse>(*store_, [&](Repositories& r) {
    return r.Registry().AddResponse(
        StoredResponse{0, site_a_, pia->id, "phq-9", 1, "completed", 5, std::nullopt, "{}", 6});
  });
  ASSERT_OK(response);
  Observe(*pia, "phq-9", 1000, 12);
  ASSERT_OK(store_->Read([&](Repositories& r) -> Status {
    auto list = r.Registry().ListResponses(RecordQuery{pia->id, {}, {}, {}, "phq-9", {}, {}},
                                           PageRequest{0, 10});
    EXPECT_TRUE(list.has_value());
    EXPECT_EQ(list->items.size(), 1U);
    return Ok();
  }));
  store_.reset();
  // The schema refuses it too, not only the repository's interface.
  EXPECT_FALSE(GetParam().execute(dir_.File(""), "UPDATE responses SET status = 'x'").has_value());
  EXPECT_FALSE(GetParam().execute(dir_.File(""), "UPDATE observations SET value = 1").has_value());
}

TEST_P(RegistryRepositoryTest, FindsPatientsByIdentifierOrItsStartWithinTheirSites) {
  for (const char* identifier : {"MRN-1", "MRN-10", "MRN-11", "MRN-2", "MRN-1\xC3\xA9"}) {
    ASSERT_OK(Create(site_a_, population_a_, identifier));
  }
  ASSERT_OK(Create(site_b_, population_b_, "MRN-12"));
  EXPECT_EQ(Identifiers({std::vector<Id>{site_a_}, {}, "MRN-1", false, std::nullopt}),
            (std::vector<std::string>{"MRN-1"}));
  EXPECT_EQ(Identifiers({std::vector<Id>{site_a_}, {}, "MRN-1", true, std::nullopt}),
            (std::vector<std::string>{"MRN-1", "MRN-10", "MRN-11", "MRN-1\xC3\xA9"}));
  EXPECT_EQ(Identifiers({std::nullopt, population_b_, "MRN-1", true, std::nullopt}),
            (std::vector<std::string>{"MRN-12"}));
  EXPECT_EQ(Identifiers({std::vector<Id>{site_a_}, {}, "mrn", true, std::nullopt}).size(), 0U);
}

TEST_P(RegistryRepositoryTest, FindsPatientsByAnyPartOfTheirIdentifierOrNames) {
  auto asa = Create(site_a_, population_a_, "VAS-0042");
  auto bo = Create(site_a_, population_a_, "VAS-0100");
  auto other = Create(site_b_, population_b_, "FJO-0042");
  ASSERT_OK(asa);
  ASSERT_OK(bo);
  ASSERT_OK(other);
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Registry().SetPatientName(asa->id, "\xC3\x85str\xC3\xB6m", "Anna"));
    COVALUE_RETURN_IF_ERROR(r.Registry().SetPatientName(bo->id, "Berg", "Bo 50%"));
    return r.Registry().SetPatientName(other->id, "Lind", "Anna");
  }));
  auto read = ReadValue<Patient>(*store_,
                                 [&](Repositories& r) { return r.Registry().GetPatient(asa->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->family, "\xC3\x85str\xC3\xB6m");
  EXPECT_EQ(read->given, "Anna");
  const auto found = [&](std::optional<std::vector<Id>> sites, const std::string& text) {
    PatientQuery query;
    query.sites = std::move(sites);
    query.text = text;
    return Identifiers(query);
  };
  const std::vector<Id> a = {site_a_};
  EXPECT_EQ(found(a, "0042"), std::vector<std::string>{"VAS-0042"}) << "a part of the identifier";
  EXPECT_EQ(found(a, "anna"), std::vector<std::string>{"VAS-0042"}) << "the given name, any case";
  EXPECT_EQ(found(a, "\xC3\xA5STR"), std::vector<std::string>{"VAS-0042"}) << "Å as å";
  EXPECT_EQ(found(a, "50%"), std::vector<std::string>{"VAS-0100"}) << "% as itself";
  EXPECT_TRUE(found(a, "5_%").empty()) << "_ as itself";
  EXPECT_EQ(found(std::nullopt, "anna").size(), 2U);
  EXPECT_ERROR(
      store_->Write([&](Repositories& r) { return r.Registry().SetPatientName(99999, "X", "Y"); }),
      ErrorCode::kNotFound);
}

TEST_P(RegistryRepositoryTest, ListsAPatientsNotesNewestFirstWithTheirAuthors) {
  auto pia = Create(site_a_, population_a_, "MRN-1", user_);
  auto ola = Create(site_a_, population_a_, "MRN-2");
  ASSERT_OK(pia);
  ASSERT_OK(ola);
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    for (int i = 1; i <= 3; ++i) {
      COVALUE_RETURN_IF_ERROR(r.Registry().AddNote(
          PatientNote{0, pia->id, i == 2 ? NoteKind::kVisitQuestion : NoteKind::kWhatMatters,
                      "note " + std::to_string(i), user_, "", 100 + i}));
    }
    return r.Registry()
        .AddNote(PatientNote{0, ola->id, NoteKind::kVisitNote, "other", std::nullopt, "", 1})
        .map([](const PatientNote&) {});
  }));
  auto first = ReadValue<Page<PatientNote>>(*store_, [&](Repositories& r) {
    return r.Registry().ListNotes(pia->id, PageRequest{0, 2});
  });
  ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2U);
  EXPECT_EQ(first->items[0].text, "note 3");
  EXPECT_EQ(first->items[0].author_name, "Pia");
  EXPECT_EQ(first->items[1].kind, NoteKind::kVisitQuestion);
  ASSERT_TRUE(first->next.has_value());
  auto second = ReadValue<Page<PatientNote>>(*store_, [&](Repositories& r) {
    return r.Registry().ListNotes(pia->id, PageRequest{*first->next, 2});
  });
  ASSERT_OK(second);
  ASSERT_EQ(second->items.size(), 1U);
  EXPECT_EQ(second->items[0].text, "note 1");
  EXPECT_FALSE(second->next.has_value());
}

TEST_P(RegistryRepositoryTest, ReadsOneResponseOrObservationAndASitesPatientKeys) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  ASSERT_OK(pia);
  ASSERT_OK(Create(site_b_, population_b_, "MRN-9"));
  auto response = WriteValue<StoredResponse>(*store_, [&](Repositories& r) {
    return r.Registry().AddResponse(
        StoredResponse{0, site_a_, pia->id, "phq-9", 1, "completed", 5, std::nullopt, "{}", 6});
  });
  ASSERT_OK(response);
  auto read = ReadValue<StoredResponse>(
      *store_, [&](Repositories& r) { return r.Registry().GetResponse(response->id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->questionnaire_id, "phq-9");
  EXPECT_EQ(read->patient_id, pia->id);
  EXPECT_ERROR(ReadValue<StoredResponse>(
                   *store_, [](Repositories& r) { return r.Registry().GetResponse(999); }),
               ErrorCode::kNotFound);

  const Observation observed = Observe(*pia, "phq-9", 1000, 12);
  auto got = ReadValue<Observation>(
      *store_, [&](Repositories& r) { return r.Registry().GetObservation(observed.id); });
  ASSERT_OK(got);
  EXPECT_EQ(got->value, 12);
  EXPECT_EQ(got->effective_ms, 1000);
  EXPECT_ERROR(ReadValue<Observation>(
                   *store_, [](Repositories& r) { return r.Registry().GetObservation(999); }),
               ErrorCode::kNotFound);

  auto keys = ReadValue<std::vector<PatientKey>>(
      *store_, [&](Repositories& r) { return r.Registry().PatientKeys(site_a_); });
  ASSERT_OK(keys);
  ASSERT_EQ(keys->size(), 1U);
  EXPECT_EQ((*keys)[0].identifier, "MRN-1");
  EXPECT_EQ((*keys)[0].id, pia->id);
  EXPECT_EQ((*keys)[0].population_id, population_a_);
  EXPECT_EQ((*keys)[0].created_ms, pia->created_ms);
}

TEST_P(RegistryRepositoryTest, ScansEveryObservationOfACodeOrAllAsRecords) {
  auto pia = Create(site_a_, population_a_, "MRN-1");
  auto bo = Create(site_b_, population_b_, "MRN-2");
  ASSERT_OK(pia);
  ASSERT_OK(bo);
  constexpr std::int64_t kDay = 86'400'000;
  Observe(*pia, "phq-9", 10 * kDay, 12);
  Observe(*bo, "edss", 20 * kDay, 3.5);
  Observe(*pia, "phq-9", 30 * kDay, 8);
  std::vector<double> phq9;
  ASSERT_OK(store_->Read([&](Repositories& r) {
    return r.Registry().ScanObservations(kScoreSystem, "phq-9", [&](const Observation& o) {
      phq9.push_back(o.value);
      return true;
    });
  }));
  EXPECT_EQ(phq9, (std::vector<double>{12, 8}));
  std::size_t visited = 0;
  ASSERT_OK(store_->Read([&](Repositories& r) {
    return r.Registry().ScanObservations(kScoreSystem, "phq-9", [&](const Observation&) {
      ++visited;
      return false;  // stops after the first
    });
  }));
  EXPECT_EQ(visited, 1U);

  // The rescan sees the same observations before and after the driver catches up.
  const auto records = [&] {
    std::vector<std::tuple<std::string, Id, std::int32_t, double>> out;
    const Status scanned = store_->Read([&](Repositories& r) {
      return r.Registry().ScanObservationRecords(
          [&](std::span<const ObservationSeries> series, std::span<const ObservationRecord> chunk) {
            for (const ObservationRecord& record : chunk) {
              const ObservationSeries& s = series[record.series];
              out.emplace_back(s.code, s.site_id, record.day, record.value);
            }
          });
    });
    EXPECT_TRUE(scanned.has_value());
    return out;
  };
  const auto before = records();
  ASSERT_EQ(before.size(), 3U);
  EXPECT_EQ(before[1], std::make_tuple(std::string("edss"), site_b_, std::int32_t{20}, 3.5));
  ASSERT_OK(store_->Read([](Repositories& r) { return r.Registry().CatchUpScan(); }));
  Observe(*bo, "edss", 40 * kDay, 4.0);
  const auto after = records();
  ASSERT_EQ(after.size(), 4U);
  EXPECT_EQ(std::vector(after.begin(), after.begin() + 3), before);
  EXPECT_EQ(std::get<3>(after[3]), 4.0);
  // Only in a read: a write's observations may yet be rolled back.
  EXPECT_ERROR(store_->Write([](Repositories& r) { return r.Registry().CatchUpScan(); }),
               ErrorCode::kInternal);
}

COVALUE_ON_EVERY_DRIVER(RegistryRepositoryTest);

}  // namespace
}  // namespace covalue::store::conformance
