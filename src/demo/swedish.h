#pragma once

#include <string_view>

#include "domain/translations.h"

namespace covalue::demo {

// The Swedish of a demo population's or measure's English name, as its translation
// ({"sv": …}); empty for a text the demo has no Swedish for. The demo writes its names in
// English, the language every reader falls back to, and gives each its Swedish name.
Translations InSwedish(std::string_view english);

}  // namespace covalue::demo
