#include <charconv>
#include <filesystem>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/app.h"
#include "cli/commands/commands.h"
#include "cli/exit_code.h"
#include "fhir/fhir_routes.h"
#include "fhir/questionnaire_format.h"
#include "formats/guide_file.h"
#include "http/api/api_routes.h"
#include "http/server.h"
#include "web/static_files.h"

namespace covalue::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string db_replica;
  std::string listen = "127.0.0.1:8080";
  std::string web_root;
  std::string guides;
  int workers = 32;
  std::size_t min_cell = app::Measures::kDefaultMinCell;
  int token_days = app::Accounts::kDefaultTokenDays;
  bool trust_forwarded_proto = false;
  bool trust_forwarded_for = false;
  std::vector<std::string> server_names;
  std::vector<std::string> cors_origins;
  std::size_t max_connections = 0;
  std::size_t fd_reserve = 128;
  int idle_timeout = 30;
  int header_timeout = 30;
  int body_timeout = 30;
};

// The names a request's Host may give: the listen address, localhost and the loopback
// addresses, and each --server-name; a wildcard listener serves any IP literal too.
std::vector<std::string> ServedNames(const std::string& host, std::vector<std::string> names,
                                     bool& any_ip_literal) {
  any_ip_literal = host == "0.0.0.0" || host == "::";
  names.insert(names.end(), {host, "localhost", "127.0.0.1", "::1"});
  return names;
}

// "HOST:PORT" or "[IPv6]:PORT".
Result<std::pair<std::string, unsigned short>> ParseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("--listen '{}' is not HOST:PORT", text),
                "--listen");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  const std::string port_text = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--listen port '{}' is not a number from 0 to 65535", port_text),
                "--listen");
  }
  return std::pair{host, static_cast<unsigned short>(port)};
}

int Serve(const ServeOptions& options) {
  auto listen = ParseListen(options.listen);
  if (!listen) {
    return ReportError(listen.error());
  }
  const std::string guides_dir = options.guides.empty() ? BesideBuild("guides") : options.guides;
  auto guides = formats::LoadGuides(guides_dir);
  if (!guides) {
    return ReportError(guides.error());
  }
  auto store = OpenDatabase(options.db, options.db_replica);
  if (!store) {
    return ReportError(store.error());
  }
  const fhir::FhirQuestionnaireFormat questionnaire_format;
  app::App app(**store, std::move(*guides), &questionnaire_format);
  app.measures().SetMinCell(options.min_cell);
  app.studies().SetMinCell(options.min_cell);
  app.research_exports().SetMinCell(options.min_cell);
  app.strata().SetMinCell(options.min_cell);
  app.accounts().SetTokenDays(options.token_days);
  if (auto loaded = app.measures().LoadMeasures(); !loaded) {
    return ReportError(loaded.error());
  }
  http::Metrics metrics;
  store::Store& db = **store;
  metrics.AddCounter("covalue_store_writes_total", "Writes committed to the database.",
                     [&db] { return db.Stats().writes; });
  metrics.AddCounter(
      "covalue_store_commits_total",
      "Transactions (fsyncs) that carried them; fewer than writes under group commit.",
      [&db] { return db.Stats().commits; });
  metrics.AddCounter("covalue_store_replica_reads_total",
                     "Reads that tolerate staleness answered by the replica (--db-replica).",
                     [&db] { return db.Stats().replica_reads; });
  metrics.AddCounter(
      "covalue_store_replica_fallbacks_total",
      "Such reads the primary answered: the replica lagged past 100 ms or was away.",
      [&db] { return db.Stats().replica_fallbacks; });
  // Open files: as many as the system allows this process, connections capped below them.
  const std::size_t files = http::RaiseOpenFileLimit();
  http::Router router(app.accounts());
  bool any_ip_literal = false;
  auto names = ServedNames(listen->first, options.server_names, any_ip_literal);
  router.SetServedNames(std::move(names), any_ip_literal);
  http::api::AddApiRoutes(router, app, metrics);
  fhir::AddFhirRoutes(router, app, options.cors_origins);
  const std::string web_root = options.web_root.empty()
                                   ? BesideBuild(std::filesystem::path("web") / "dist")
                                   : options.web_root;
  web::StaticFiles static_files(web_root);
  if (static_files.Empty()) {
    spdlog::warn("no front end at {}: run make build; the API is served alone", web_root);
  }
  router.SetFallback([&static_files](const http::Request& r) { return static_files.Serve(r); });

  http::ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.worker_threads = options.workers;
  server_options.trust_forwarded_proto = options.trust_forwarded_proto;
  server_options.trust_forwarded_for = options.trust_forwarded_for;
  server_options.max_connections = options.max_connections;
  server_options.fd_reserve = options.fd_reserve;
  server_options.idle_timeout = std::chrono::seconds(options.idle_timeout);
  server_options.header_timeout = std::chrono::seconds(options.header_timeout);
  server_options.body_timeout = std::chrono::seconds(options.body_timeout);
  http::Server server(router, metrics, server_options);
  spdlog::info("{} open files allowed; at most {} connections", files, server.MaxConnections());
  auto port = server.Listen();
  if (!port) {
    return ReportError(port.error());
  }
  const bool v6 = listen->first.find(':') != std::string::npos;
  spdlog::info("covalue listening on http://{}{}{}:{} (database {}, {} files of the front end)",
               v6 ? "[" : "", listen->first, v6 ? "]" : "", *port, options.db,
               static_files.FileCount());
  server.Run();
  spdlog::info("covalue stopped");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& root, int* exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = root.add_subcommand("serve", "Serve the web application and the APIs");
  AddDbOption(*command, &options->db);
  command->add_option("--db-replica", options->db_replica,
                      "A streaming replica of the PostgreSQL --db (postgresql://…): dashboards, "
                      "the community's views and searches read there once it has replayed every "
                      "acknowledged write, else from --db");
  command->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free one)")
      ->default_val("127.0.0.1:8080");
  command->add_option("--web", options->web_root,
                      "Folder of the built front end (default: web/dist beside the build folder)");
  command->add_option("--guides", options->guides,
                      "Folder of the guide files (default: guides beside the build folder)");
  // A write's worker waits for its group's commit (the fsync), so more workers than cores make
  // larger groups: 32 measured best on 2 cores (bench/response_submissions.sh).
  command->add_option("--workers", options->workers, "Worker threads that run requests")
      ->default_val(32)
      ->check(CLI::Range(1, 256));
  command
      ->add_option("--min-cell", options->min_cell,
                   "Cells of fewer observations (strata of fewer people) are suppressed in the "
                   "community's views")
      ->default_val(app::Measures::kDefaultMinCell)
      ->check(CLI::Range(1, 1000));
  command->add_option("--token-days", options->token_days, "Days a new bearer token lives")
      ->default_val(app::Accounts::kDefaultTokenDays)
      ->check(CLI::Range(1, 3650));
  command->add_flag("--trust-forwarded-proto", options->trust_forwarded_proto,
                    "Trust X-Forwarded-Proto from a TLS proxy (sets Secure cookies)");
  command->add_flag("--trust-forwarded-for", options->trust_forwarded_for,
                    "Take the client's address from X-Forwarded-For's last entry (behind a "
                    "reverse proxy that sets it)");
  command->add_option("--server-name", options->server_names,
                      "A host name the server answers to in the Host header (repeatable; the "
                      "listen address and localhost always)");
  command
      ->add_option("--cors-origin", options->cors_origins,
                   "An origin (https://app.example.org) whose pages may call the FHIR API with "
                   "bearer tokens (repeatable)")
      ->check(
          [](const std::string& origin) -> std::string {
            const auto scheme = origin.find("://");
            const bool web = origin.starts_with("http://") || origin.starts_with("https://");
            if (!web || scheme + 3 >= origin.size() ||
                origin.find_first_of("/?#*", scheme + 3) != std::string::npos) {
              return fmt::format("'{}' is not an origin: scheme://host[:port], no path", origin);
            }
            return {};
          },
          "ORIGIN");
  command
      ->add_option("--max-connections", options->max_connections,
                   "Connections kept open at most (0: the open-file limit less --fd-reserve)")
      ->default_val(0);
  command
      ->add_option("--fd-reserve", options->fd_reserve,
                   "Open files kept for the database and logs below the connection cap")
      ->default_val(128)
      ->check(CLI::Range(16, 100000));
  command
      ->add_option("--idle-timeout", options->idle_timeout,
                   "Seconds a connection may wait for its next request")
      ->default_val(30)
      ->check(CLI::Range(1, 3600));
  command
      ->add_option("--header-timeout", options->header_timeout,
                   "Seconds to receive a whole request head, however slowly it is sent")
      ->default_val(30)
      ->check(CLI::Range(1, 3600));
  command
      ->add_option("--body-timeout", options->body_timeout,
                   "Seconds to receive a request body after its head")
      ->default_val(30)
      ->check(CLI::Range(1, 3600));
  command->callback([options, exit_code] { *exit_code = Serve(*options); });
}

}  // namespace covalue::cli
