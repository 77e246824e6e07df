#include "store/postgres/migrations.h"

namespace covalue::embedded {
std::string_view PostgresMigration0001();
std::string_view PostgresMigration0004();
std::string_view PostgresMigration0005();
std::string_view PostgresMigration0006();
std::string_view PostgresMigration0008();
std::string_view PostgresMigration0009();
}  // namespace covalue::embedded

namespace covalue::store::postgres {

std::string_view PostgresPiece(int version) {
  switch (version) {
    case 1:
      return embedded::PostgresMigration0001();
    case 4:
      return embedded::PostgresMigration0004();
    case 5:
      return embedded::PostgresMigration0005();
    case 6:
      return embedded::PostgresMigration0006();
    case 8:
      return embedded::PostgresMigration0008();
    case 9:
      return embedded::PostgresMigration0009();
    default:
      return {};
  }
}

}  // namespace covalue::store::postgres
