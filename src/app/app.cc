#include "app/app.h"

namespace covalue::app {

Principal SystemPrincipal() {
  return Principal{0, "system", {Membership{Role::kAdmin, std::nullopt, std::nullopt}}};
}

}  // namespace covalue::app
