#include "demo/demo_community.h"

#include <array>
#include <map>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "demo/demo_measures.h"
#include "demo/demo_value.h"
#include "demo/demo_passport.h"
#include "demo/demo_registry.h"
#include "demo/demo_sites.h"
#include "demo/swedish.h"
#include "domain/dates.h"

namespace covalue::demo {
namespace {

// A demo account: site_slug empty for community-wide roles; team roles join the site's team.
struct DemoUser {
  std::string_view username;
  std::string_view display_name;
  Role role;
  std::string_view site_slug;
};

constexpr DemoUser kUsers[] = {
    {"admin", "Alva Admin", Role::kAdmin, ""},
    {"facilitator", "Frida Facilitator", Role::kFacilitator, ""},
    {"researcher", "Rune Researcher", Role::kResearcher, ""},
    {"siteadmin.vastera", "Sigrid Siteadmin", Role::kAdmin, "vastera"},
    {"professional.vastera", "Per Professional", Role::kProfessional, "vastera"},
    {"patient.vastera", "Pia Lindqvist", Role::kPatient, "vastera"},
    {"lead.vastera", "Lena Lead", Role::kTeamLead, "vastera"},
    {"member.vastera", "Mats Member", Role::kTeamMember, "vastera"},
    {"lead.fjordvik", "Lars Lead", Role::kTeamLead, "fjordvik"},
    {"member.fjordvik", "Maja Member", Role::kTeamMember, "fjordvik"},
    {"patient.fjordvik", "Pål Haugen", Role::kPatient, "fjordvik"},
    {"lead.riverside", "Rosa Lead", Role::kTeamLead, "riverside"},
};

constexpr std::array<std::string_view, 32> kWords = {
    "river",  "maple",  "stone",   "harbor",  "meadow", "cedar",   "falcon",  "lantern",
    "orchid", "pebble", "tundra",  "willow",  "anchor", "birch",   "canyon",  "delta",
    "ember",  "fjord",  "glacier", "heron",   "island", "juniper", "kestrel", "lagoon",
    "marsh",  "north",  "otter",   "prairie", "quartz", "ridge",   "spruce",  "thistle"};

// Site ids and team ids of the demo community, by slug.
struct DemoIds {
  std::map<std::string_view, Id> site;
  std::map<std::string_view, Id> team;
  std::map<std::string_view, Id> population;
};

Result<std::map<std::string, Id>> SitesByName(app::App& app, const app::RequestContext& ctx) {
  std::map<std::string, Id> by_name;
  PageRequest page;
  for (;;) {
    COVALUE_ASSIGN_OR_RETURN(auto sites, app.community().ListSites(ctx, page));
    for (const Site& site : sites.items) {
      by_name[site.name] = site.id;
    }
    if (!sites.next) {
      return by_name;
    }
    page.after = *sites.next;
  }
}

Result<DemoIds> WriteSites(app::App& app, const app::RequestContext& ctx) {
  DemoIds ids;
  for (const DemoSite& spec : DemoSites()) {
    COVALUE_ASSIGN_OR_RETURN(Site site,
                             app.community().CreateSite(
                                 ctx, Site{0, std::string(spec.name), std::string(spec.country)}));
    COVALUE_ASSIGN_OR_RETURN(
        Population population,
        app.community().CreatePopulation(
            ctx, Population{0, site.id, std::string(spec.population),
                            std::string(spec.population_description), InSwedish(spec.population),
                            InSwedish(spec.population_description)}));
    COVALUE_ASSIGN_OR_RETURN(
        Team team,
        app.community().CreateTeam(ctx, Team{0, site.id, population.id, std::string(spec.team),
                                             InSwedish(spec.team)}));
    COVALUE_RETURN_IF_ERROR(WriteDemoPrices(app, ctx, spec, site.id));
    ids.site[spec.slug] = site.id;
    ids.team[spec.slug] = team.id;
    ids.population[spec.slug] = population.id;
  }
  return ids;
}

// The demo patient accounts' own records: the sex their names fit, and when they were born.
struct DemoPatientRecord {
  std::string_view username;
  Sex sex;
  std::string_view birth_date;
};
constexpr DemoPatientRecord kPatientRecords[] = {
    {"patient.vastera", Sex::kFemale, "1984-03-14"},
    {"patient.fjordvik", Sex::kMale, "1979-08-02"},
};

// A demo patient user's own record in their site's population, named as their account is
// ("Pia Lindqvist": given, then family), with a history of visits drawn as the site's people's
// are (DrawDemoHistory), so that their first dashboard is not empty. Returns the observations
// written.
Result<std::size_t> EnrolPatient(app::App& app, const app::RequestContext& ctx, const DemoIds& ids,
                                 const DemoUser& user, Id user_id, std::uint64_t seed) {
  const DemoSite* site = nullptr;
  for (const DemoSite& spec : DemoSites()) {
    site = spec.slug == user.site_slug ? &spec : site;
  }
  app::RegistryRecord record =
      DrawDemoHistory(*site, ids.population.at(user.site_slug), seed, user.username);
  Patient& patient = record.patient;
  patient.identifier = fmt::format("DEMO-{}", user.username);
  for (const DemoPatientRecord& r : kPatientRecords) {
    if (r.username == user.username) {
      patient.birth_date = std::string(r.birth_date);
      patient.sex = r.sex;
    }
  }
  const std::string_view name = user.display_name;
  patient.given = std::string(name.substr(0, name.find(' ')));
  patient.family = std::string(name.substr(name.find(' ') + 1));
  patient.diagnosis_date = "2016-09-01";
  patient.consent = Consent::kConsented;
  patient.user_id = user_id;
  return app.registry().ImportRegistry(ctx, ids.site.at(user.site_slug), {std::move(record)});
}

// The app on the story's clock while it lives; the clock it had before afterwards.
class StoryTime {
 public:
  StoryTime(app::App& app, std::int64_t start_ms)
      : app_(app), given_(app.clock()), clock_(start_ms) {
    app_.SetClock(clock_);
  }
  ~StoryTime() { app_.SetClock(given_); }
  StoryTime(const StoryTime&) = delete;
  StoryTime& operator=(const StoryTime&) = delete;

  app::ManualClock& clock() { return clock_; }  // the story's time, moved by what is written

 private:
  app::App& app_;
  const app::Clock& given_;
  app::ManualClock clock_;
};

Membership MembershipOf(const DemoUser& user, const DemoIds& ids) {
  if (user.site_slug.empty()) {
    return {user.role, std::nullopt, std::nullopt};
  }
  if (RoleNeedsTeam(user.role)) {
    return {user.role, ids.site.at(user.site_slug), ids.team.at(user.site_slug)};
  }
  return {user.role, ids.site.at(user.site_slug), std::nullopt};
}

}  // namespace

std::string DemoPassword(std::uint64_t seed, const std::string& username) {
  // FNV-1a of the username mixed with the seed: stable across platforms, unlike std::hash.
  std::uint64_t h = 14695981039346656037ULL ^ seed;
  for (char c : username) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  std::mt19937_64 rng(h);
  std::string password;
  for (int i = 0; i < 4; ++i) {
    password += kWords[rng() % kWords.size()];
    password += '-';
  }
  password += fmt::format("{:02}", rng() % 100);
  return password;
}

Result<DemoResult> WriteDemoCommunity(app::App& app, std::uint64_t seed,
                                      std::vector<app::QuestionnaireImport> questionnaires,
                                      std::int64_t patients) {
  const app::RequestContext ctx{app::SystemPrincipal(), "demo", "cli"};
  COVALUE_ASSIGN_OR_RETURN(auto existing, SitesByName(app, ctx));
  // The community's past is written on the story's clock (demo/demo_passport.h), so that every
  // record, the audit trail's included, carries the time it happened there, in order; the
  // registry is written at the time the demo is made.
  std::optional<StoryTime> story;
  DemoResult result;
  DemoIds ids;
  if (existing.contains(std::string(DemoSites().front().name))) {
    for (const DemoSite& spec : DemoSites()) {
      auto found = existing.find(std::string(spec.name));
      if (found == existing.end()) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("the database holds part of the demo community: '{}' is missing",
                                spec.name));
      }
      ids.site[spec.slug] = found->second;
    }
  } else {
    story.emplace(app, *ParseDateMs(kCommunityFormed));
    COVALUE_ASSIGN_OR_RETURN(ids, WriteSites(app, ctx));
    result.written = true;
  }
  // Who writes a team's passport: its lead, or the community's admin ("" slug).
  std::map<std::string_view, app::RequestContext> authors;
  std::vector<std::pair<const DemoUser*, Id>> patient_accounts;  // enrolled with the registry
  for (const DemoUser& user : kUsers) {
    DemoLogin login{std::string(user.username), DemoPassword(seed, std::string(user.username)),
                    user.role, std::nullopt};
    if (!user.site_slug.empty()) {
      login.site_id = ids.site.at(user.site_slug);
    }
    if (result.written) {
      COVALUE_ASSIGN_OR_RETURN(
          User created, app.accounts().CreateUser(ctx, app::NewUser{login.username,
                                                                    std::string(user.display_name),
                                                                    login.password,
                                                                    {MembershipOf(user, ids)}}));
      if (user.role == Role::kPatient) {
        patient_accounts.emplace_back(&user, created.id);
      }
      if (user.role == Role::kTeamLead || user.username == "admin") {
        authors.emplace(
            user.site_slug,
            app::RequestContext{app::Principal{created.id, created.username, created.memberships},
                                "demo", "cli"});
      }
    }
    result.logins.push_back(std::move(login));
  }
  if (result.written && !questionnaires.empty()) {
    COVALUE_RETURN_IF_ERROR(
        app.questionnaires().ImportQuestionnaires(ctx, std::move(questionnaires), std::nullopt));
  }
  if (result.written) {
    COVALUE_RETURN_IF_ERROR(WriteDemoMeasures(app, ctx));
    std::vector<PassportTeam> passports;
    for (const DemoSite& spec : DemoSites()) {
      if (IsImprovingSite(spec)) {
        const auto lead = authors.find(spec.slug);
        passports.push_back({(lead != authors.end() ? lead : authors.find(""))->second,
                             ids.team.at(spec.slug), spec.country == "SE" ? "sv" : "en"});
      }
    }
    COVALUE_RETURN_IF_ERROR(WriteDemoPassports(app, passports, story->clock()));
    story.reset();
    const auto sites = DemoSites();
    const auto per_site =
        static_cast<std::int64_t>((patients + static_cast<std::int64_t>(sites.size()) - 1) /
                                  static_cast<std::int64_t>(sites.size()));
    for (const DemoSite& spec : sites) {
      COVALUE_ASSIGN_OR_RETURN(std::size_t written,
                               WriteDemoRegistry(app, ctx, spec, ids.site.at(spec.slug),
                                                 ids.population.at(spec.slug), per_site, seed));
      result.observations += written;
      if (per_site > 0) {  // the strata name the population's variables, which its people bring
        const auto lead = authors.find(spec.slug);
        COVALUE_RETURN_IF_ERROR(WriteDemoStrata(
            app, (lead != authors.end() ? lead : authors.find(""))->second, spec,
            ids.population.at(spec.slug)));
      }
      for (const auto& [user, user_id] : patient_accounts) {
        if (user->site_slug == spec.slug) {
          COVALUE_ASSIGN_OR_RETURN(std::size_t own,
                                   EnrolPatient(app, ctx, ids, *user, user_id, seed));
          result.observations += own;
        }
      }
    }
    const auto lead = authors.find("vastera");
    if (lead != authors.end()) {
      COVALUE_RETURN_IF_ERROR(WriteDemoProcessMap(app, lead->second, ids.team.at("vastera")));
    }
  }
  return result;
}

}  // namespace covalue::demo
