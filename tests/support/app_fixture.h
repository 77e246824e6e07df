#pragma once

#include <gtest/gtest.h>

#include "app/app.h"
#include "app/kernel/crypto.h"
#include "store/audit_repository.h"
#include "support/store_fixture.h"

#ifdef COVALUE_SOURCE_DIR
#include <filesystem>

#include "formats/guide_file.h"
#endif

namespace covalue::app {

// A real SQLite store in a temporary folder and an App over it.
class EmptyAppTest : public testing_support::StoreTest {
 protected:
  static void SetUpTestSuite() { crypto::InitCrypto(); }

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    app_ = std::make_unique<App>(*store_);
  }

  std::unique_ptr<App> app_;
  RequestContext system_{SystemPrincipal(), "req-system", "cli"};
};

// The same with a small community: two sites with one population and team each.
class AppTest : public EmptyAppTest {
 protected:
  void SetUp() override {
    EmptyAppTest::SetUp();
    for (const char* name : {"Site A", "Site B"}) {
      auto site = app_->community().CreateSite(system_, Site{0, name, "SE"});
      ASSERT_OK(site);
      auto population =
          app_->community().CreatePopulation(system_, {0, site->id, "People with MS", ""});
      ASSERT_OK(population);
      auto team = app_->community().CreateTeam(system_, {0, site->id, population->id, "MS team"});
      ASSERT_OK(team);
      sites_.push_back(*site);
      teams_.push_back(*team);
    }
  }

#ifdef COVALUE_SOURCE_DIR
  // The App again over the same store, with the self-assessment guides the project ships
  // (guides/: the full guide, the short form, the passport, the persona guide).
  void UseShippedGuides() {
    auto guides = formats::LoadGuides(std::filesystem::path(COVALUE_SOURCE_DIR) / "guides");
    ASSERT_TRUE(guides.has_value()) << guides.error().message;
    app_ = std::make_unique<App>(*store_, std::move(*guides));
  }
#endif

  // Creates a user holding one membership and returns a context acting as them.
  RequestContext As(const std::string& username, Membership membership) {
    auto user = app_->accounts().CreateUser(
        system_, NewUser{username, username, "a long password", {membership}});
    EXPECT_TRUE(user.has_value()) << user.error().message;
    return RequestContext{Principal{user->id, user->username, user->memberships}, "req-" + username,
                          "127.0.0.1"};
  }

  std::vector<AuditRecord> AuditTrail() {
    std::vector<AuditRecord> all;
    EXPECT_TRUE(store_->Read([&](store::Repositories& r) {
      return r.Audit().Scan([&](const AuditRecord& rec) {
        all.push_back(rec);
        return true;
      });
    }));
    return all;
  }

  std::vector<Site> sites_;
  std::vector<Team> teams_;
};

}  // namespace covalue::app
