#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/community.h"
#include "domain/error.h"

namespace covalue {

// A persona (DESIGN.md §2): a named portrait of a typical person of a stratum — or of a
// professional ("persons sometimes known as professionals") — always shown with that stratum's
// live numbers. Its texts (portrait, a walk-through per value configuration, measures) are the
// answers of a workbook of the guide kPersonaGuide, so they keep every revision, diff and
// restore exactly as workbook answers do.
struct Persona {
  Id id = 0;
  Id team_id = 0;
  Id workbook_id = 0;
  std::string name;           // 1–200 characters
  bool professional = false;  // a portrait of a professional rather than of a person served
  std::optional<Id> stratification_id = std::nullopt;
  std::string stratum = {};   // the stratum's name in it ("Other" included); "" without one
  std::int64_t created_ms = 0;
  int picture_width = 0;  // of its picture, when it has one (0: none)
  int picture_height = 0;
};

// A persona's picture: a PNG written again by the server from the upload (formats/picture.h),
// as base64 text (how the store keeps it).
struct PersonaPicture {
  Id persona_id = 0;
  std::string png_base64 = {};
  int width = 0;
  int height = 0;
  Id author_id = 0;
  std::int64_t created_ms = 0;
};

inline constexpr const char* kPersonaGuide = "persona";

// kInvalidArgument naming /name, or /stratum (a stratum named without a stratification, or
// longer than 100 characters).
[[nodiscard]] Status ValidatePersona(const Persona& persona);

}  // namespace covalue
