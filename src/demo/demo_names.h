#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "demo/draw.h"
#include "domain/registry.h"

namespace covalue::demo {

// A made-up person's names (given, family) that fit their recorded sex and their site's country
// (SE, NO, GB, US), drawn from draw: common first names and surnames of each country, so a demo
// patient list reads like a clinic's. Never a real person's record.
std::pair<std::string, std::string> DemoName(Draw& draw, Sex sex, std::string_view country);

}  // namespace covalue::demo
