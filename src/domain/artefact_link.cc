#include "domain/artefact_link.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

namespace covalue {
namespace {

// The id of a link target ending in prefix + digits (then ?…, #… or nothing), if it does.
std::optional<Id> IdAfter(std::string_view target, std::string_view prefix) {
  const std::size_t at = target.find(prefix);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view before = target.substr(0, at);
  // The prefix starts the path: nothing before it, or an origin ("scheme://host").
  if (!before.empty() && (before.find("://") == std::string_view::npos ||
                          before.find('/', before.find("://") + 3) != std::string_view::npos)) {
    return std::nullopt;
  }
  const std::string_view rest = target.substr(at + prefix.size());
  Id id = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (ec != std::errc() || end == rest.data() || id <= 0) return std::nullopt;
  const std::string_view after = rest.substr(static_cast<std::size_t>(end - rest.data()));
  if (!after.empty() && after.front() != '?' && after.front() != '#') return std::nullopt;
  return id;
}

}  // namespace

std::vector<ArtefactLink> ArtefactLinksIn(std::string_view markdown) {
  std::vector<ArtefactLink> links;
  for (std::size_t open = markdown.find("]("); open != std::string_view::npos;
       open = markdown.find("](", open + 2)) {
    const std::size_t close = markdown.find(')', open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view target = markdown.substr(open + 2, close - open - 2);
    std::optional<ArtefactLink> link;
    if (auto id = IdAfter(target, "/personas/")) {
      link = ArtefactLink{ArtefactKind::kPersona, *id};
    } else if (auto map = IdAfter(target, "/process-maps/")) {
      link = ArtefactLink{ArtefactKind::kProcessMap, *map};
    }
    if (link && std::find(links.begin(), links.end(), *link) == links.end()) {
      links.push_back(*link);
    }
  }
  return links;
}

}  // namespace covalue
