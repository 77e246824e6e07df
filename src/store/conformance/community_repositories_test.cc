#include <gtest/gtest.h>

#include "store/conformance/conformance.h"
#include "store/credential_repository.h"
#include "store/population_repository.h"
#include "store/site_repository.h"
#include "store/team_repository.h"
#include "store/user_repository.h"

namespace covalue::store::conformance {
namespace {

class CommunityRepositoriesTest : public ConformanceTest {
 protected:
  template <typename T, typename Work>
  T MustWrite(Work&& work) {
    auto result = WriteValue<T>(*store_, std::forward<Work>(work));
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return *result;
  }

  Site AddSite(const std::string& name) {
    return MustWrite<Site>([&](Repositories& r) {
      return r.Sites().Create(Site{0, name, "SE"}, 0);
    });
  }
};

TEST_P(CommunityRepositoriesTest, SitesCreateReadUpdateAndRefuseDuplicateNames) {
  Site site = AddSite("Region Norrland");
  auto read = ReadValue<Site>(*store_, [&](Repositories& r) { return r.Sites().Get(site.id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->name, "Region Norrland");

  auto duplicate = WriteValue<Site>(*store_, [](Repositories& r) {
    return r.Sites().Create({0, "Region Norrland", "NO"}, 0);
  });
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(duplicate.error().field, "/name");

  site.name = "Region Söder";
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Sites().Update(site); }));
  read = ReadValue<Site>(*store_, [&](Repositories& r) { return r.Sites().Get(site.id); });
  EXPECT_EQ(read->name, "Region Söder");
  EXPECT_ERROR(store_->Write([](Repositories& r) {
    return r.Sites().Update({42, "x", "SE"});
  }),
               ErrorCode::kNotFound);
  EXPECT_ERROR(ReadValue<Site>(*store_, [](Repositories& r) { return r.Sites().Get(42); }),
               ErrorCode::kNotFound);
}

TEST_P(CommunityRepositoriesTest, ListsPageInIdOrderWithACursor) {
  for (int i = 0; i < 5; ++i) {
    AddSite("Site " + std::to_string(i));
  }
  auto first = ReadValue<Page<Site>>(*store_, [](Repositories& r) {
    return r.Sites().List(PageRequest{0, 2});
  });
  ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2U);
  ASSERT_TRUE(first->next.has_value());
  std::vector<std::string> names;
  std::optional<Id> cursor = Id{0};
  while (cursor) {
    auto page = ReadValue<Page<Site>>(*store_, [&](Repositories& r) {
      return r.Sites().List(PageRequest{*cursor, 2});
    });
    ASSERT_OK(page);
    for (const Site& s : page->items) {
      names.push_back(s.name);
    }
    cursor = page->next;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Site 0", "Site 1", "Site 2", "Site 3", "Site 4"}));
}

TEST_P(CommunityRepositoriesTest, PopulationsKeepTheirNamesInOtherLanguages) {
  Site a = AddSite("A");
  Population written = MustWrite<Population>([&](Repositories& r) {
    return r.Populations().Create({0, a.id, "People with MS", "Adults with MS",
                                   {{"sv", "Personer med MS"}}, {{"sv", "Vuxna med MS"}}});
  });
  auto read = ReadValue<Population>(
      *store_, [&](Repositories& r) { return r.Populations().Get(written.id); });
  ASSERT_OK(read);
  EXPECT_EQ(read->names, (Translations{{"sv", "Personer med MS"}}));
  EXPECT_EQ(read->descriptions, (Translations{{"sv", "Vuxna med MS"}}));
  written.names = {{"nb", "Personer med MS"}, {"sv", "Personer med multipel skleros"}};
  written.descriptions = {};
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Populations().Update(written); }));
  auto listed = ReadValue<Page<Population>>(*store_, [&](Repositories& r) {
    return r.Populations().List(PageRequest{0, 10}, a.id);
  });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->items.size(), 1U);
  EXPECT_EQ(listed->items[0].names, written.names);
  EXPECT_TRUE(listed->items[0].descriptions.empty()) << "replaced whole";
}

TEST_P(CommunityRepositoriesTest, TeamsFilterBySiteAndMember) {
  Site a = AddSite("A");
  Site b = AddSite("B");
  auto pop_a = MustWrite<Population>([&](Repositories& r) {
    return r.Populations().Create({0, a.id, "People with MS", ""});
  });
  auto pop_b = MustWrite<Population>([&](Repositories& r) {
    return r.Populations().Create({0, b.id, "People with MS", ""});
  });
  Team team_a = MustWrite<Team>([&](Repositories& r) {
    return r.Teams().Create({0, a.id, pop_a.id, "MS team", {{"sv", "MS-teamet"}}});
  });
  MustWrite<Team>([&](Repositories& r) {
    return r.Teams().Create({0, b.id, pop_b.id, "MS team"});
  });
  User lead = MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(User{0, "lena", "Lena", {Membership{Role::kTeamLead, a.id, team_a.id}}},
                            "hash", {});
  });

  auto of_site = ReadValue<Page<Team>>(*store_, [&](Repositories& r) {
    return r.Teams().List({}, TeamFilter{b.id, std::nullopt});
  });
  ASSERT_OK(of_site);
  ASSERT_EQ(of_site->items.size(), 1U);
  EXPECT_EQ(of_site->items[0].site_id, b.id);

  auto of_member = ReadValue<Page<Team>>(*store_, [&](Repositories& r) {
    return r.Teams().List({}, TeamFilter{std::nullopt, lead.id});
  });
  ASSERT_OK(of_member);
  ASSERT_EQ(of_member->items.size(), 1U);
  EXPECT_EQ(of_member->items[0].id, team_a.id);
  EXPECT_EQ(of_member->items[0].names, (Translations{{"sv", "MS-teamet"}})) << "names kept";
  EXPECT_TRUE(of_site->items[0].names.empty());
  team_a.names = {{"sv", "Teamet för MS"}, {"nb", "MS-teamet"}};
  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Teams().Update(team_a); }));
  auto renamed =
      ReadValue<Team>(*store_, [&](Repositories& r) { return r.Teams().Get(team_a.id); });
  ASSERT_OK(renamed);
  EXPECT_EQ(renamed->names, team_a.names);

  auto members = ReadValue<std::vector<TeamMember>>(
      *store_, [&](Repositories& r) { return r.Teams().Members(team_a.id); });
  ASSERT_OK(members);
  ASSERT_EQ(members->size(), 1U);
  EXPECT_EQ((*members)[0].role, Role::kTeamLead);
}

TEST_P(CommunityRepositoriesTest, UsersKeepMembershipsAndRefuseDuplicates) {
  Site a = AddSite("A");
  User user = MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(User{0, "pat", "Pat", {Membership{Role::kPatient, a.id, std::nullopt}}},
                            "hash-1", GrantedBy{std::nullopt, 42});
  });
  auto found = ReadValue<UserCredentials>(
      *store_, [](Repositories& r) { return r.Users().FindByUsername("pat"); });
  ASSERT_OK(found);
  EXPECT_EQ(found->password_hash, "hash-1");
  ASSERT_EQ(found->user.memberships.size(), 1U);
  EXPECT_EQ(found->user.memberships[0], (Membership{Role::kPatient, a.id, std::nullopt}));

  EXPECT_ERROR(store_->Write([&](Repositories& r) {
    return r.Users().AddMembership(user.id, {Role::kPatient, a.id, std::nullopt}, {});
  }),
               ErrorCode::kConflict);
  auto taken = WriteValue<User>(*store_, [](Repositories& r) {
    return r.Users().Create(User{0, "pat", "Other", {}}, "h", {});
  });
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().field, "/username");

  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Users().AddMembership(user.id, {Role::kFacilitator, std::nullopt, std::nullopt},
                                   GrantedBy{user.id, 50});
  }));
  ASSERT_OK(store_->Write([&](Repositories& r) {
    return r.Users().RemoveMembership(user.id, {Role::kPatient, a.id, std::nullopt});
  }));
  auto after = ReadValue<User>(*store_, [&](Repositories& r) { return r.Users().Get(user.id); });
  ASSERT_OK(after);
  EXPECT_EQ(after->memberships,
            (std::vector<Membership>{{Role::kFacilitator, std::nullopt, std::nullopt}}));
}

TEST_P(CommunityRepositoriesTest, GrantsSayWhoGaveAMembershipAndWhen) {
  Site a = AddSite("A");
  Site b = AddSite("B");
  User admin = MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(User{0, "sam", "Sam", {Membership{Role::kAdmin, a.id, std::nullopt}}},
                            "h", GrantedBy{std::nullopt, 10});
  });
  User per = MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(
        User{0, "per", "Per", {Membership{Role::kProfessional, a.id, std::nullopt}}}, "h",
        GrantedBy{admin.id, 20});
  });
  MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(User{0, "bo", "Bo", {Membership{Role::kAdmin, b.id, std::nullopt}}},
                            "h", GrantedBy{std::nullopt, 30});
  });
  MustWrite<User>([&](Repositories& r) {
    return r.Users().Create(User{0, "fay", "Fay", {Membership{Role::kFacilitator, {}, {}}}}, "h",
                            GrantedBy{std::nullopt, 40});
  });
  auto grants = ReadValue<std::vector<MembershipGrant>>(
      *store_, [&](Repositories& r) { return r.Users().GrantsAt(a.id); });
  ASSERT_OK(grants);
  // A's two memberships, then the community-wide one; never B's.
  ASSERT_EQ(grants->size(), 3U);
  EXPECT_EQ((*grants)[0].username, "sam");
  EXPECT_FALSE((*grants)[0].granted_by.has_value());
  EXPECT_EQ((*grants)[0].granted_ms, 10);
  EXPECT_EQ((*grants)[1].username, "per");
  EXPECT_EQ((*grants)[1].granted_by, admin.id);
  EXPECT_EQ((*grants)[1].granted_by_username, "sam");
  EXPECT_EQ((*grants)[1].granted_ms, 20);
  EXPECT_EQ((*grants)[2].membership, (Membership{Role::kFacilitator, {}, {}}));
  auto one = ReadValue<MembershipGrant>(
      *store_, [&](Repositories& r) { return r.Users().GetGrant((*grants)[1].id); });
  ASSERT_OK(one);
  EXPECT_EQ(one->user_id, per.id);
  EXPECT_ERROR(
      ReadValue<MembershipGrant>(*store_, [](Repositories& r) { return r.Users().GetGrant(999); }),
      ErrorCode::kNotFound);

  auto of_b = ReadValue<Page<User>>(
      *store_, [&](Repositories& r) { return r.Users().List({}, std::vector<Id>{b.id}); });
  ASSERT_OK(of_b);
  ASSERT_EQ(of_b->items.size(), 1U);
  EXPECT_EQ(of_b->items[0].username, "bo");
  auto of_both = ReadValue<Page<User>>(*store_, [&](Repositories& r) {
    return r.Users().List({}, std::vector<Id>{a.id, b.id});
  });
  ASSERT_OK(of_both);
  EXPECT_EQ(of_both->items.size(), 3U);

  ASSERT_OK(store_->Write([&](Repositories& r) { return r.Users().SetDeactivated(per.id, 77); }));
  auto deactivated =
      ReadValue<User>(*store_, [&](Repositories& r) { return r.Users().Get(per.id); });
  ASSERT_OK(deactivated);
  EXPECT_EQ(deactivated->deactivated_ms, 77);
}

TEST_P(CommunityRepositoriesTest, SessionsExpireAndTokensRevoke) {
  User user = MustWrite<User>([](Repositories& r) {
    return r.Users().Create({0, "ann", "Ann", {}}, "h", {});
  });
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Credentials().CreateSession("s-hash", user.id, 1000); }));
  auto live = ReadValue<Id>(
      *store_, [](Repositories& r) { return r.Credentials().FindSession("s-hash", 999); });
  ASSERT_OK(live);
  EXPECT_EQ(*live, user.id);
  EXPECT_ERROR(
      ReadValue<Id>(*store_,
                    [](Repositories& r) { return r.Credentials().FindSession("s-hash", 1000); }),
      ErrorCode::kNotFound);

  auto token = MustWrite<ApiToken>([&](Repositories& r) {
    return r.Credentials().CreateToken(user.id, "laptop", "t-hash", 5, 100);
  });
  const auto find = [&](std::int64_t now) {
    return ReadValue<ApiToken>(
        *store_, [&](Repositories& r) { return r.Credentials().FindToken("t-hash", now); });
  };
  auto found = find(99);
  ASSERT_OK(found);
  EXPECT_EQ(found->user_id, user.id);
  EXPECT_FALSE(found->last_used_ms.has_value());
  EXPECT_ERROR(find(100), ErrorCode::kNotFound);  // expired
  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Credentials().TouchToken(token.id, 42); }));
  EXPECT_EQ(find(50)->last_used_ms, 42);
  auto listed = ReadValue<std::vector<ApiToken>>(
      *store_, [&](Repositories& r) { return r.Credentials().ListTokens(user.id, 50); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].expires_ms, 100);
  ASSERT_OK(store_->Write(
      [&](Repositories& r) { return r.Credentials().RevokeToken(user.id, token.id, 6); }));
  EXPECT_ERROR(find(50), ErrorCode::kNotFound);
  EXPECT_ERROR(store_->Write([&](Repositories& r) {
    return r.Credentials().RevokeToken(user.id, token.id, 7);
  }),
               ErrorCode::kNotFound);

  // A password change revokes every token of the account.
  MustWrite<ApiToken>([&](Repositories& r) {
    return r.Credentials().CreateToken(user.id, "phone", "p-hash", 5, 100);
  });
  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Credentials().RevokeTokensOf(user.id, 8); }));
  EXPECT_ERROR(ReadValue<ApiToken>(
                   *store_, [](Repositories& r) { return r.Credentials().FindToken("p-hash", 9); }),
               ErrorCode::kNotFound);
}

TEST_P(CommunityRepositoriesTest, SessionsEndOneByOneOrAllOfAUser) {
  User ann = MustWrite<User>([](Repositories& r) {
    return r.Users().Create({0, "ann", "Ann", {}}, "h", {});
  });
  User bo = MustWrite<User>([](Repositories& r) {
    return r.Users().Create({0, "bo", "Bo", {}}, "h", {});
  });
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Credentials().CreateSession("ann-1", ann.id, 1000));
    COVALUE_RETURN_IF_ERROR(r.Credentials().CreateSession("ann-2", ann.id, 1000));
    COVALUE_RETURN_IF_ERROR(r.Credentials().CreateSession("ann-3", ann.id, 1000));
    return r.Credentials().CreateSession("bo-1", bo.id, 1000);
  }));
  const auto live = [&](const char* hash) {
    return ReadValue<Id>(*store_,
                         [&](Repositories& r) { return r.Credentials().FindSession(hash, 1); })
        .has_value();
  };
  ASSERT_OK(store_->Write([](Repositories& r) { return r.Credentials().DeleteSession("ann-1"); }));
  EXPECT_FALSE(live("ann-1"));
  EXPECT_TRUE(live("ann-2"));
  ASSERT_OK(
      store_->Write([&](Repositories& r) { return r.Credentials().DeleteSessionsOf(ann.id); }));
  EXPECT_FALSE(live("ann-2"));
  EXPECT_FALSE(live("ann-3"));
  EXPECT_TRUE(live("bo-1"));
}

TEST_P(CommunityRepositoriesTest, UsersChangeTheirPasswordHashAndDisplayName) {
  User user = MustWrite<User>([](Repositories& r) {
    return r.Users().Create({0, "cleo", "Cleo", {}}, "old-hash", {});
  });
  ASSERT_OK(store_->Write([&](Repositories& r) -> Status {
    COVALUE_RETURN_IF_ERROR(r.Users().SetPassword(user.id, "new-hash"));
    return r.Users().SetDisplayName(user.id, "Cleo Berg");
  }));
  auto found = ReadValue<UserCredentials>(
      *store_, [](Repositories& r) { return r.Users().FindByUsername("cleo"); });
  ASSERT_OK(found);
  EXPECT_EQ(found->password_hash, "new-hash");
  EXPECT_EQ(found->user.display_name, "Cleo Berg");
  EXPECT_ERROR(store_->Write([](Repositories& r) { return r.Users().SetPassword(999, "h"); }),
               ErrorCode::kNotFound);
  EXPECT_ERROR(store_->Write([](Repositories& r) { return r.Users().SetDisplayName(999, "X"); }),
               ErrorCode::kNotFound);
}

COVALUE_ON_EVERY_DRIVER(CommunityRepositoriesTest);

}  // namespace
}  // namespace covalue::store::conformance
