#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/value_domain.h"

namespace covalue {

// A text in every language of a guide, by language code ("en", "sv"). English is always there.
struct LocalizedText {
  std::map<std::string, std::string> by_language;

  bool Empty() const { return by_language.empty(); }
  // The text in language, or the English text when the guide lacks that language.
  const std::string& In(std::string_view language) const;
};

// Which self-assessment tool a guide is (DESIGN.md §2).
enum class GuideKind { kFull, kShortForm, kPassport, kPersona };

enum class GuideItemType {
  kGroup,   // holds items; a learning-cycle step in the full guide
  kText,    // a Markdown answer
  kString,  // a one-line answer
  kChoice,  // one of the item's options
  kRating,  // an integer from 1 to 5
  kDate,
};

// Things an answer may link to, as typed placeholders until those capabilities exist.
enum class Artefact { kPersona, kProcessMap, kMeasure };

struct GuideOption {
  std::string code;
  LocalizedText text;
};

struct GuideItem {
  std::string link_id;
  GuideItemType type = GuideItemType::kText;
  LocalizedText text;
  LocalizedText hint;          // one line on what a good answer contains
  LocalizedText introduction;  // for groups: the step's introduction
  std::optional<int> step;     // full guide: the learning-cycle step (1..9) of a top-level group
  std::string summarises;      // short form: the link id of the full-guide step it summarises
  std::vector<Artefact> artefacts;
  std::vector<GuideOption> options;
  std::optional<ValueDomain> value_domain;  // ratings of the passport
  bool repeats = false;
  std::vector<GuideItem> items;
};

// A self-assessment guide: the full guide, the short form or the improvement passport.
struct Guide {
  std::string id;  // also the FHIR Questionnaire id
  std::string version;
  GuideKind kind = GuideKind::kFull;
  LocalizedText title;
  LocalizedText description;
  std::vector<GuideItem> items;

  // The languages of the guide's title; every text has them.
  std::vector<std::string> Languages() const;
  // The item with link_id anywhere in the tree, or nullptr.
  const GuideItem* Find(std::string_view link_id) const;
  // The repeating group an item lies in (its answers then have instances), or nullptr.
  const GuideItem* RepeatingGroupOf(std::string_view link_id) const;
};

// A broken rule of a guide, naming the item (by link id; "" for the guide itself).
struct GuideProblem {
  std::string link_id;
  std::string message;
};

// Checks a guide's own rules: link ids of [A-Za-z0-9._-] and unique; every text in the
// guide's languages with English among them; groups hold items and only groups do; only groups
// repeat, never inside another repeating group; choices have options; ratings name a value
// domain. By kind: the full guide has exactly one top-level
// group per learning-cycle step, 1 to 9 in order; the short form has exactly six questions,
// each naming the step it summarises; the passport has exactly one rating per value domain.
// Returns every problem found, in document order.
std::vector<GuideProblem> CheckGuide(const Guide& guide);

// Checks rules across guides: each short-form question summarises a step group of the full
// guide.
std::vector<GuideProblem> CheckGuideSet(const std::vector<Guide>& guides);

// Wire names: "full", "short-form", "passport"; "group", "text", …; "persona", …;
// "communication", "self-efficacy", ….
std::string_view GuideKindName(GuideKind kind);
std::optional<GuideKind> ParseGuideKind(std::string_view name);
std::string_view GuideItemTypeName(GuideItemType type);
std::optional<GuideItemType> ParseGuideItemType(std::string_view name);
std::string_view ArtefactName(Artefact artefact);
std::optional<Artefact> ParseArtefact(std::string_view name);

}  // namespace covalue
