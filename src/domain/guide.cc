#include "domain/guide.h"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "domain/name_table.h"

namespace covalue {
namespace {

constexpr std::pair<GuideKind, std::string_view> kKindNames[] = {
    {GuideKind::kFull, "full"},
    {GuideKind::kShortForm, "short-form"},
    {GuideKind::kPassport, "passport"},
    {GuideKind::kPersona, "persona"},
};
constexpr std::pair<GuideItemType, std::string_view> kTypeNames[] = {
    {GuideItemType::kGroup, "group"},   {GuideItemType::kText, "text"},
    {GuideItemType::kString, "string"}, {GuideItemType::kChoice, "choice"},
    {GuideItemType::kRating, "rating"}, {GuideItemType::kDate, "date"},
};
constexpr std::pair<Artefact, std::string_view> kArtefactNames[] = {
    {Artefact::kPersona, "persona"},
    {Artefact::kProcessMap, "process-map"},
    {Artefact::kMeasure, "measure"},
};

bool IsLinkIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// Walks items depth first, checking the rules every item follows.
class ItemChecker {
 public:
  ItemChecker(const std::vector<std::string>& languages, std::vector<GuideProblem>& problems)
      : languages_(languages), problems_(problems) {}

  void Check(const GuideItem& item) {
    const std::string& id = item.link_id;
    if (id.empty() || !std::all_of(id.begin(), id.end(), IsLinkIdChar)) {
      Add(id, "a link_id uses only letters, digits, '.', '_' and '-'");
    } else if (!seen_.insert(id).second) {
      Add(id, fmt::format("link_id '{}' is used twice", id));
    }
    CheckText(item, item.text, "text", true);
    CheckText(item, item.hint, "hint", false);
    CheckText(item, item.introduction, "introduction", false);
    for (const GuideOption& option : item.options) {
      CheckText(item, option.text, fmt::format("option '{}'", option.code), true);
    }
    const bool group = item.type == GuideItemType::kGroup;
    if (group && item.items.empty()) {
      Add(id, "a group holds at least one item");
    }
    if (!group && !item.items.empty()) {
      Add(id, "only groups hold items");
    }
    if (item.type == GuideItemType::kChoice && item.options.size() < 2) {
      Add(id, "a choice has at least two options");
    }
    if (item.type != GuideItemType::kChoice && !item.options.empty()) {
      Add(id, "only choices have options");
    }
    if ((item.type == GuideItemType::kRating) != item.value_domain.has_value()) {
      Add(id, "a rating names its value_domain, and only ratings do");
    }
    if (item.repeats && !group) {
      Add(id, "only groups repeat");
    }
    if (item.repeats && inside_repeating_) {
      Add(id, "a repeating group holds no repeating group");
    }
    const bool outer = inside_repeating_;
    inside_repeating_ = outer || item.repeats;
    for (const GuideItem& child : item.items) {
      Check(child);
    }
    inside_repeating_ = outer;
  }

 private:
  void CheckText(const GuideItem& item, const LocalizedText& text, const std::string& what,
                 bool required) {
    if (text.Empty()) {
      if (required) {
        Add(item.link_id, fmt::format("the {} is missing", what));
      }
      return;
    }
    for (const std::string& language : languages_) {
      auto found = text.by_language.find(language);
      if (found == text.by_language.end() || found->second.empty()) {
        Add(item.link_id, fmt::format("the {} has no '{}' text", what, language));
      }
    }
    for (const auto& [language, value] : text.by_language) {
      if (std::find(languages_.begin(), languages_.end(), language) == languages_.end()) {
        Add(item.link_id,
            fmt::format("the {} is in '{}', which the guide's title is not", what, language));
      }
    }
  }

  void Add(const std::string& link_id, std::string message) {
    problems_.push_back({link_id, std::move(message)});
  }

  const std::vector<std::string>& languages_;
  std::vector<GuideProblem>& problems_;
  std::set<std::string> seen_;
  bool inside_repeating_ = false;
};

void CheckFullGuide(const Guide& guide, std::vector<GuideProblem>& problems) {
  if (guide.items.size() != 9) {
    problems.push_back({"", fmt::format("the full guide has one group per learning-cycle step "
                                        "(9), not {}",
                                        guide.items.size())});
  }
  for (std::size_t i = 0; i < guide.items.size(); ++i) {
    const GuideItem& item = guide.items[i];
    if (item.type != GuideItemType::kGroup || item.step != static_cast<int>(i) + 1) {
      problems.push_back({item.link_id, fmt::format("top-level item {} must be the group of "
                                                    "step {}",
                                                    i + 1, i + 1)});
    }
  }
}

void CheckShortForm(const Guide& guide, std::vector<GuideProblem>& problems) {
  if (guide.items.size() != 6) {
    problems.push_back(
        {"", fmt::format("the short form has six questions, not {}", guide.items.size())});
  }
  for (const GuideItem& item : guide.items) {
    if (item.type == GuideItemType::kGroup || item.summarises.empty()) {
      problems.push_back({item.link_id, "a short-form question names the step it summarises"});
    }
  }
}

void CollectRatings(const GuideItem& item, std::vector<ValueDomain>& domains) {
  if (item.value_domain) {
    domains.push_back(*item.value_domain);
  }
  for (const GuideItem& child : item.items) {
    CollectRatings(child, domains);
  }
}

void CheckPassport(const Guide& guide, std::vector<GuideProblem>& problems) {
  std::vector<ValueDomain> domains;
  for (const GuideItem& item : guide.items) {
    CollectRatings(item, domains);
  }
  for (ValueDomain domain : kAllValueDomains) {
    const auto count = std::count(domains.begin(), domains.end(), domain);
    if (count != 1) {
      problems.push_back({"", fmt::format("the passport rates value domain '{}' once, not {} times",
                                          ValueDomainName(domain), count)});
    }
  }
}

const GuideItem* FindIn(const std::vector<GuideItem>& items, std::string_view link_id) {
  for (const GuideItem& item : items) {
    if (item.link_id == link_id) {
      return &item;
    }
    if (const GuideItem* found = FindIn(item.items, link_id)) {
      return found;
    }
  }
  return nullptr;
}

const GuideItem* RepeatingGroupIn(const std::vector<GuideItem>& items, std::string_view link_id,
                                  const GuideItem* group) {
  for (const GuideItem& item : items) {
    const GuideItem* enclosing = item.repeats ? &item : group;
    if (item.link_id == link_id) {
      return item.repeats ? nullptr : group;
    }
    if (const GuideItem* found = RepeatingGroupIn(item.items, link_id, enclosing)) {
      return found;
    }
  }
  return nullptr;
}

}  // namespace

const std::string& LocalizedText::In(std::string_view language) const {
  static const std::string kNone;
  auto found = by_language.find(std::string(language));
  if (found != by_language.end()) {
    return found->second;
  }
  found = by_language.find("en");
  return found == by_language.end() ? kNone : found->second;
}

std::vector<std::string> Guide::Languages() const {
  std::vector<std::string> languages;
  for (const auto& [language, text] : title.by_language) {
    languages.push_back(language);
  }
  return languages;
}

const GuideItem* Guide::Find(std::string_view link_id) const { return FindIn(items, link_id); }

const GuideItem* Guide::RepeatingGroupOf(std::string_view link_id) const {
  return RepeatingGroupIn(items, link_id, nullptr);
}

std::vector<GuideProblem> CheckGuide(const Guide& guide) {
  std::vector<GuideProblem> problems;
  const std::vector<std::string> languages = guide.Languages();
  if (!guide.title.by_language.contains("en")) {
    problems.push_back({"", "the title has no 'en' text; English is required"});
  }
  if (guide.id.empty() || !std::all_of(guide.id.begin(), guide.id.end(), IsLinkIdChar)) {
    problems.push_back({"", "the id uses only letters, digits, '.', '_' and '-'"});
  }
  ItemChecker checker(languages, problems);
  for (const GuideItem& item : guide.items) {
    checker.Check(item);
  }
  switch (guide.kind) {
    case GuideKind::kFull:
      CheckFullGuide(guide, problems);
      break;
    case GuideKind::kShortForm:
      CheckShortForm(guide, problems);
      break;
    case GuideKind::kPassport:
      CheckPassport(guide, problems);
      break;
    case GuideKind::kPersona:  // a persona's texts: any items (app/personas/)
      break;
  }
  return problems;
}

std::vector<GuideProblem> CheckGuideSet(const std::vector<Guide>& guides) {
  std::vector<GuideProblem> problems;
  const Guide* full = nullptr;
  std::set<std::string> ids;
  for (const Guide& guide : guides) {
    if (!ids.insert(guide.id).second) {
      problems.push_back({"", fmt::format("two guides have the id '{}'", guide.id)});
    }
    if (guide.kind == GuideKind::kFull) {
      full = &guide;
    }
  }
  for (const Guide& guide : guides) {
    if (guide.kind != GuideKind::kShortForm) {
      continue;
    }
    for (const GuideItem& item : guide.items) {
      const GuideItem* step = full != nullptr ? full->Find(item.summarises) : nullptr;
      if (step == nullptr || !step->step) {
        problems.push_back(
            {item.link_id, fmt::format("it summarises '{}', which is no step of the full guide",
                                       item.summarises)});
      }
    }
  }
  return problems;
}

std::string_view GuideKindName(GuideKind kind) { return NameIn(kKindNames, kind); }
std::optional<GuideKind> ParseGuideKind(std::string_view name) { return ParseIn(kKindNames, name); }
std::string_view GuideItemTypeName(GuideItemType type) { return NameIn(kTypeNames, type); }
std::optional<GuideItemType> ParseGuideItemType(std::string_view name) {
  return ParseIn(kTypeNames, name);
}
std::string_view ArtefactName(Artefact artefact) { return NameIn(kArtefactNames, artefact); }
std::optional<Artefact> ParseArtefact(std::string_view name) {
  return ParseIn(kArtefactNames, name);
}

}  // namespace covalue
