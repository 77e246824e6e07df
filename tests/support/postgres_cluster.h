#pragma once

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

// The private PostgreSQL cluster a test run starts (scripts/test-postgres, run by the ctest
// fixture "postgres"): its folder is $COVALUE_TEST_POSTGRES_DIR, whose file url holds the url of
// the cluster's maintenance database, postgresql://postgres@127.0.0.1:PORT/postgres.
namespace covalue::testing_support {

// The maintenance database's url; empty when no cluster was started for this run.
inline std::string PostgresClusterUrl() {
  const char* dir = std::getenv("COVALUE_TEST_POSTGRES_DIR");
  if (dir == nullptr) {
    return {};
  }
  std::ifstream in(std::string(dir) + "/url");
  std::string url;
  std::getline(in, url);
  return url;
}

// The url of another database of the cluster.
inline std::string PostgresDatabaseUrl(std::string_view database) {
  std::string url = PostgresClusterUrl();
  return url.substr(0, url.rfind('/') + 1) + std::string(database);
}

}  // namespace covalue::testing_support
