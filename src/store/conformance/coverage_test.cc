// The conformance suite covers every repository's contract: each method a repository header
// declares is called by a test of this folder, so a method added without a conformance test
// (which every driver then has to pass) fails here.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Conformance, CallsEveryMethodOfEveryRepository) {
  const fs::path store = fs::path(COVALUE_SOURCE_DIR) / "src" / "store";
  std::string tests;
  for (const auto& entry : fs::directory_iterator(store / "conformance")) {
    if (entry.path().filename().string().ends_with("_test.cc") &&
        entry.path().filename() != "coverage_test.cc") {
      tests += Read(entry.path());
    }
  }
  const std::regex method(R"(virtual\s+[^;{~]*?\b([A-Z]\w*)\s*\()");
  std::size_t methods = 0;
  for (const auto& entry : fs::directory_iterator(store)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with("_repository.h")) continue;
    const std::string header = Read(entry.path());
    for (std::sregex_iterator it(header.begin(), header.end(), method), end; it != end; ++it) {
      const std::string called = "." + (*it)[1].str() + "(";
      ++methods;
      EXPECT_NE(tests.find(called), std::string::npos)
          << name << ": no conformance test calls " << (*it)[1].str();
    }
  }
  EXPECT_GT(methods, 80U);  // the headers were read
}

}  // namespace
