#include "store/sqlite/migrations.h"

namespace covalue::embedded {
std::string_view SqliteMigration0001();
std::string_view SqliteMigration0004();
std::string_view SqliteMigration0005();
std::string_view SqliteMigration0006();
std::string_view SqliteMigration0008();
std::string_view SqliteMigration0009();
}  // namespace covalue::embedded

namespace covalue::store::sqlite {

std::string_view SqlitePiece(int version) {
  switch (version) {
    case 1:
      return embedded::SqliteMigration0001();
    case 4:
      return embedded::SqliteMigration0004();
    case 5:
      return embedded::SqliteMigration0005();
    case 6:
      return embedded::SqliteMigration0006();
    case 8:
      return embedded::SqliteMigration0008();
    case 9:
      return embedded::SqliteMigration0009();
    default:
      return {};
  }
}

}  // namespace covalue::store::sqlite
