#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "http/json/serializers.h"

namespace covalue::cli {
namespace {

struct UserOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::string password;
  bool password_stdin = false;
  std::string role;
  std::optional<Id> site_id;
  std::optional<Id> team_id;
  bool json = false;
};

const app::RequestContext& Operator() {
  static const app::RequestContext kOperator{app::SystemPrincipal(), "cli", "cli"};
  return kOperator;
}

// The password from --password or, with --password-stdin, the first line of standard input.
Result<std::string> PasswordOf(const UserOptions& options) {
  if (options.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      return Fail(ErrorCode::kInvalidArgument, "no password on standard input", "--password-stdin");
    }
    return line;
  }
  if (options.password.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "give --password or --password-stdin", "--password");
  }
  return options.password;
}

int WithApp(const std::string& db, const std::function<Status(app::App&)>& run) {
  auto store = OpenDatabase(db);
  if (!store) {
    return ReportError(store.error());
  }
  app::App app(**store);
  auto status = run(app);
  return status ? kExitOk : ReportError(status.error());
}

int Add(const UserOptions& o) {
  return WithApp(o.db, [&](app::App& app) -> Status {
    COVALUE_ASSIGN_OR_RETURN(std::string password, PasswordOf(o));
    auto role = ParseRole(o.role);
    if (!role) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown role '{}'", o.role), "--role");
    }
    COVALUE_ASSIGN_OR_RETURN(
        User user,
        app.accounts().CreateUser(Operator(),
                                  app::NewUser{o.username,
                                               o.display_name.empty() ? o.username : o.display_name,
                                               password,
                                               {Membership{*role, o.site_id, o.team_id}}}));
    fmt::print("{}\n", o.json ? nlohmann::json(user).dump(2)
                              : fmt::format("added user {} with id {}", user.username, user.id));
    return Ok();
  });
}

std::string MembershipText(const Membership& m) {
  std::string text(RoleName(m.role));
  if (m.team_id) {
    text += fmt::format("@team:{}", *m.team_id);
  } else if (m.site_id) {
    text += fmt::format("@site:{}", *m.site_id);
  }
  return text;
}

int List(const UserOptions& o) {
  return WithApp(o.db, [&](app::App& app) -> Status {
    std::vector<User> users;
    PageRequest page;
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(auto batch, app.accounts().ListUsers(Operator(), page));
      users.insert(users.end(), batch.items.begin(), batch.items.end());
      if (!batch.next) {
        break;
      }
      page.after = *batch.next;
    }
    if (o.json) {
      fmt::print("{}\n", nlohmann::json(users).dump(2));
      return Ok();
    }
    fmt::print("{:<6} {:<24} {:<28} {}\n", "id", "username", "display name", "roles");
    for (const User& user : users) {
      std::vector<std::string> roles;
      for (const Membership& m : user.memberships) {
        roles.push_back(MembershipText(m));
      }
      fmt::print("{:<6} {:<24} {:<28} {}\n", user.id, user.username, user.display_name,
                 fmt::join(roles, ", "));
    }
    return Ok();
  });
}

int Passwd(const UserOptions& o) {
  return WithApp(o.db, [&](app::App& app) -> Status {
    COVALUE_ASSIGN_OR_RETURN(std::string password, PasswordOf(o));
    COVALUE_ASSIGN_OR_RETURN(User user, app.accounts().GetUserByUsername(Operator(), o.username));
    COVALUE_RETURN_IF_ERROR(
        app.accounts().UpdateUser(Operator(), user.id, app::UserChanges{{}, password, {}, {}}));
    fmt::print(stderr, "covalue: the password of {} is changed and its sessions ended\n",
               user.username);
    return Ok();
  });
}

void AddPasswordOptions(CLI::App& command, UserOptions& o) {
  auto* given = command.add_option("--password", o.password,
                                   "The password (visible to other local users; prefer stdin)");
  command.add_flag("--password-stdin", o.password_stdin, "Read the password from standard input")
      ->excludes(given);
}

}  // namespace

void AddUserCommand(CLI::App& root, int* exit_code) {
  auto* user = root.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);

  auto add = std::make_shared<UserOptions>();
  auto* add_cmd = user->add_subcommand("add", "Add an account with one role");
  AddDbOption(*add_cmd, &add->db);
  add_cmd->add_option("--username", add->username, "Login name: 3-64 of a-z 0-9 . _ -")->required();
  add_cmd->add_option("--display-name", add->display_name, "Name shown to others");
  AddPasswordOptions(*add_cmd, *add);
  add_cmd
      ->add_option("--role", add->role,
                   "patient, professional, team_member, team_lead, facilitator, researcher "
                   "or admin")
      ->required();
  add_cmd->add_option("--site", add->site_id, "Site id of the role (none: community-wide)");
  add_cmd->add_option("--team", add->team_id, "Team id, for team_member and team_lead");
  add_cmd->add_flag("--json", add->json, "Print the account as JSON");
  add_cmd->callback([add, exit_code] { *exit_code = Add(*add); });

  auto list = std::make_shared<UserOptions>();
  auto* list_cmd = user->add_subcommand("list", "List every account with its roles");
  AddDbOption(*list_cmd, &list->db);
  list_cmd->add_flag("--json", list->json, "Print a JSON array");
  list_cmd->callback([list, exit_code] { *exit_code = List(*list); });

  auto passwd = std::make_shared<UserOptions>();
  auto* passwd_cmd = user->add_subcommand("passwd", "Set an account's password");
  AddDbOption(*passwd_cmd, &passwd->db);
  passwd_cmd->add_option("--username", passwd->username, "The account")->required();
  AddPasswordOptions(*passwd_cmd, *passwd);
  passwd_cmd->callback([passwd, exit_code] { *exit_code = Passwd(*passwd); });
}

}  // namespace covalue::cli
