#pragma once

#include <string_view>
#include <vector>

#include "domain/community.h"

namespace covalue {

// What a workbook answer links to (the guide's artefact placeholders, DESIGN.md §2): the web
// writes a picked persona or process map into the answer as a Markdown link, [label](/personas/12)
// or [label](/process-maps/7), so the link lives in the answer's revisions like its other text.
enum class ArtefactKind { kPersona, kProcessMap };

struct ArtefactLink {
  ArtefactKind kind = ArtefactKind::kPersona;
  Id id = 0;
  bool operator==(const ArtefactLink&) const = default;
};

// The personas and maps markdown links to, in order of first appearance, each once. A link's
// target is the path, with or without an origin before it ("https://host/personas/12"), and
// nothing after the id but an optional query or fragment; anything else is not a link to one.
[[nodiscard]] std::vector<ArtefactLink> ArtefactLinksIn(std::string_view markdown);

}  // namespace covalue
