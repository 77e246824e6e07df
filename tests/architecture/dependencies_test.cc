// Reads the #include lines of src/ against DESIGN.md §3: dependencies point down, and each
// third-party library is seen only in the module that owns it (STYLE.md §9).
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

// A module may include itself and any module of a lower layer.
const std::map<std::string, int> kLayer = {
    {"domain", 0}, {"store", 1},  {"analytics", 1}, {"research", 1}, {"formats", 2}, {"app", 3},
    {"demo", 4},   {"report", 4}, {"http", 5},      {"fhir", 6},     {"web", 6},     {"cli", 7},
};

// Where each library may be included: a path prefix under src/. The longest matching library
// prefix decides.
const std::map<std::string, std::string> kOwner = {
    {"boost/", "http/server.cc"},
    {"boost/container/", "analytics/spc/"},  // small vectors for the SPC library's subgroups
    {"sqlite3.h", "store/sqlite/"},
    {"libpq-fe.h", "store/postgres/"},
    {"sodium.h", "app/kernel/crypto.cc"},
    {"CLI/", "cli/"},
    {"Eigen/", "research/"},
    {"cairo", "report/cairo_canvas.cc"},
    {"yaml-cpp/", "formats/guide_file.cc"},
    {"xlsxwriter", "report/xlsx.cc"},
    {"csv.h", "formats/csv_file.cc"},
    {"zip.h", "formats/instrument_zip.cc"},
    {"png.h", "formats/picture.cc"},
    {"jpeglib.h", "formats/picture.cc"},
};

struct Include {
  std::string file;  // relative to src/
  std::string target;
  bool quoted;
};

std::vector<Include> ReadIncludes() {
  const fs::path src = fs::path(COVALUE_SOURCE_DIR) / "src";
  const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> includes;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (std::regex_search(line, m, include_line)) {
        includes.push_back({fs::relative(entry.path(), src).generic_string(), m[2], m[1] == "\""});
      }
    }
  }
  return includes;
}

std::string ModuleOf(const std::string& path) { return path.substr(0, path.find('/')); }

bool IsTest(const std::string& file) { return file.ends_with("_test.cc"); }

TEST(Dependencies, PointDownTheLayersOfDesign) {
  const auto includes = ReadIncludes();
  ASSERT_GT(includes.size(), 100U);
  for (const Include& inc : includes) {
    if (!inc.quoted || inc.target.starts_with("support/")) continue;
    const std::string from = ModuleOf(inc.file);
    const std::string to = ModuleOf(inc.target);
    ASSERT_TRUE(kLayer.contains(from)) << inc.file;
    ASSERT_TRUE(kLayer.contains(to)) << inc.file << " includes " << inc.target;
    if (IsTest(inc.file)) continue;  // tests may wire lower and sibling modules together
    EXPECT_TRUE(from == to || kLayer.at(to) < kLayer.at(from))
        << inc.file << " (" << from << ") may not include " << inc.target << " (" << to << ")";
  }
}

TEST(Dependencies, EachLibraryIsSeenOnlyByItsOwner) {
  for (const Include& inc : ReadIncludes()) {
    if (inc.quoted || IsTest(inc.file)) continue;
    const std::pair<const std::string, std::string>* match = nullptr;
    for (const auto& entry : kOwner) {
      if (inc.target.starts_with(entry.first) &&
          (match == nullptr || entry.first.size() > match->first.size())) {
        match = &entry;
      }
    }
    if (match != nullptr) {
      EXPECT_TRUE(inc.file.starts_with(match->second))
          << inc.file << " includes <" << inc.target << ">, which belongs to " << match->second;
    }
  }
}

// A path a comment names (a/b.h, src/a/b.cc, …) is where a reader will look: it must exist,
// relative to the repository, to src/, to tests/ or to the commenting file's folder.
TEST(Comments, EveryFileTheyNameExists) {
  const fs::path root(COVALUE_SOURCE_DIR);
  const std::regex path_in_comment(
      R"((?:^|[^\w./-])((?:[A-Za-z_][\w-]*/)+[\w-]+\.(?:h|cc|md|json|sql|mjs|ts|yaml|csv))\b)");
  std::size_t named = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root / "src")) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      const auto comment = line.find("//");
      if (comment == std::string::npos) continue;
      const std::string text = line.substr(comment);
      for (std::sregex_iterator m(text.begin(), text.end(), path_in_comment), end; m != end; ++m) {
        const std::string path = (*m)[1];
        ++named;
        const bool found = fs::exists(root / path) || fs::exists(root / "src" / path) ||
                           fs::exists(root / "tests" / path) ||
                           fs::exists(entry.path().parent_path() / path);
        EXPECT_TRUE(found) << fs::relative(entry.path(), root).generic_string() << ":" << number
                           << " names " << path << ", which does not exist";
      }
    }
  }
  EXPECT_GT(named, 20U);  // comments were read
}

// Every folder of app/ but the kernel is a capability service: one header named after it, of at
// most 250 lines, and a test of its own.
TEST(Services, EachHasOneHeaderOfItsNameAndATest) {
  const fs::path app = fs::path(COVALUE_SOURCE_DIR) / "src" / "app";
  std::size_t services = 0;
  for (const auto& entry : fs::directory_iterator(app)) {
    if (!entry.is_directory() || entry.path().filename() == "kernel") continue;
    ++services;
    const std::string name = entry.path().filename().string();
    const fs::path header = entry.path() / (name + ".h");
    ASSERT_TRUE(fs::exists(header)) << "app/" << name << "/ has no " << name << ".h";
    std::ifstream in(header);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) ++lines;
    EXPECT_LE(lines, 250U) << header.filename();
    bool tested = false;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      tested |= file.path().filename().string().ends_with("_test.cc");
    }
    EXPECT_TRUE(tested) << "app/" << name << "/ has no test of its own";
  }
  EXPECT_GE(services, 8U);
}

// A service is reached through its header: outside app/<b>/, nothing includes app/<b>/ but
// app/<b>/<b>.h (the kernel is everyone's).
TEST(Services, AreReachedOnlyThroughTheirHeader) {
  const std::regex service_file(R"(^app/([a-z_]+)/([a-z_]+)\.h$)");
  for (const Include& inc : ReadIncludes()) {
    std::smatch m;
    if (!inc.quoted || !std::regex_match(inc.target, m, service_file)) continue;
    const std::string service = m[1];
    if (service == "kernel" || inc.file.starts_with("app/" + service + "/")) continue;
    EXPECT_EQ(m[2].str(), service) << inc.file << " reaches into " << inc.target;
  }
}

// The kernel is what every capability service goes through, so it may not reach into any of
// them: inside app it includes only itself.
TEST(Dependencies, TheKernelIncludesNoService) {
  std::size_t kernel_includes = 0;
  for (const Include& inc : ReadIncludes()) {
    if (!inc.quoted || !inc.file.starts_with("app/kernel/") || IsTest(inc.file)) continue;
    ++kernel_includes;
    if (ModuleOf(inc.target) == "app") {
      EXPECT_TRUE(inc.target.starts_with("app/kernel/"))
          << inc.file << " may not include " << inc.target << ": the kernel includes no service";
    }
  }
  EXPECT_GT(kernel_includes, 5U);  // the kernel was found
}

// Each route file of the transports serves one capability: no file under http/ or fhir/ (tests
// aside) includes more than one service header, only the two files that put the routes together
// include app/app.h, and none names the store (the services have their own query types).
TEST(Transports, EachRouteFileIncludesOneService) {
  const std::set<std::string> composition = {"http/api/api_routes.cc", "fhir/fhir_routes.cc"};
  const std::regex service_header(R"(^app/([a-z_]+)/\1\.h$)");
  std::map<std::string, std::set<std::string>> services_of;
  std::set<std::string> holders;
  for (const Include& inc : ReadIncludes()) {
    const std::string module = ModuleOf(inc.file);
    if (!inc.quoted || (module != "http" && module != "fhir") || IsTest(inc.file)) continue;
    services_of[inc.file];
    if (std::regex_match(inc.target, service_header)) services_of[inc.file].insert(inc.target);
    if (inc.target == "app/app.h") holders.insert(inc.file);
    EXPECT_NE(ModuleOf(inc.target), "store") << inc.file << " includes " << inc.target;
  }
  ASSERT_GT(services_of.size(), 20U);
  for (const auto& [file, services] : services_of) {
    EXPECT_LE(services.size(), 1U) << file << " includes " << services.size() << " services";
  }
  EXPECT_EQ(holders, composition);
}

// Every repository's SQL is written once over store/sql/: no file of the seam, the interfaces or
// the conformance tests includes a driver (but those that pick one: store::Open, CopyDatabase
// and the suite's list of drivers); neither the seam's SQL nor the shared migrations use SQLite's or
// PostgreSQL's own words (their pieces are in store/<driver>/migrations/), and neither driver
// uses the other's.
TEST(Store, TheSqlIsWrittenOnceAndNamesNoDriver) {
  const std::set<std::string> pickers = {"store/open.cc", "store/copy.cc",
                                         "store/conformance/drivers.cc"};
  std::size_t seen = 0;
  for (const Include& inc : ReadIncludes()) {
    if (!inc.file.starts_with("store/") || inc.file.starts_with("store/sqlite/") ||
        inc.file.starts_with("store/postgres/") || pickers.contains(inc.file)) {
      continue;
    }
    ++seen;
    EXPECT_FALSE(inc.target.starts_with("store/sqlite/") ||
                 inc.target.starts_with("store/postgres/"))
        << inc.file << " includes the driver header " << inc.target;
  }
  EXPECT_GT(seen, 50U);
  const fs::path store = fs::path(COVALUE_SOURCE_DIR) / "src" / "store";
  // SQL keywords as the project writes them (upper case); not a C++ #pragma.
  const std::regex sqlite_only(
      R"(json_each|json_extract|\bPRAGMA\b|\b(rowid|ROWID)\b|last_insert_rowid|sqlite3_|RAISE\s*\(|WITHOUT ROWID)");
  const std::regex postgres_only(
      R"(\bILIKE\b|\bjsonb\b|\bBIGSERIAL\b|\bplpgsql\b|\bpg_[a-z_]+\(|\$[0-9]|\bPQ[a-z]+\(|GENERATED BY)");
  const auto check = [&](const char* folder, bool sqlite, bool postgres) {
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(store / folder)) {
      if (!entry.is_regular_file() || entry.path().filename().string().ends_with("_test.cc")) {
        continue;
      }
      ++files;
      std::ifstream in(entry.path());
      std::size_t number = 0;
      for (std::string line; std::getline(in, line);) {
        ++number;
        // Comments may name what the other database does.
        for (const char* comment : {"//", "-- "}) {
          if (const auto at = line.find(comment); at != std::string::npos) line.resize(at);
        }
        EXPECT_FALSE(sqlite && std::regex_search(line, sqlite_only))
            << entry.path().filename() << ":" << number << " is SQLite's own: " << line;
        EXPECT_FALSE(postgres && std::regex_search(line, postgres_only))
            << entry.path().filename() << ":" << number << " is PostgreSQL's own: " << line;
      }
    }
    return files;
  };
  EXPECT_GT(check("sql", true, true) + check("migrations", true, true), 15U);
  EXPECT_GT(check("postgres/migrations", true, false), 5U);
  EXPECT_GT(check("sqlite", false, true), 5U);
}

}  // namespace
