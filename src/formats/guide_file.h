#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/guide.h"

// Guide files (guides/*.yaml, format 1 as guides/README.md describes). yaml-cpp is seen only in
// guide_file.cc.
namespace covalue::formats {

// Reads one guide file and checks its rules (domain/guide.h). kInvalidArgument with a message
// "<path>:<line>: <reason>" for a YAML syntax error, a missing or unknown key, a value of the
// wrong shape, or a broken rule; kNotFound when the file cannot be read.
[[nodiscard]] Result<Guide> LoadGuideFile(const std::filesystem::path& path);

// Reads a guide file's text as LoadGuideFile does, its errors naming name.
[[nodiscard]] Result<Guide> ReadGuideFile(std::string_view text, const std::filesystem::path& name);

// Reads every *.yaml file of dir in name order and checks the rules across them.
// kInvalidArgument as above; kNotFound when dir holds no guide.
[[nodiscard]] Result<std::vector<Guide>> LoadGuides(const std::filesystem::path& dir);

}  // namespace covalue::formats
