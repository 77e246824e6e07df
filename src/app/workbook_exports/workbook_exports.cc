// Workbook exports: a workbook with the personas and maps its answers link to, each read as the
// reader may read it.

#include "app/workbook_exports/workbook_exports.h"

#include <algorithm>

namespace covalue::app {
namespace {

// Errors that say "not for this reader" rather than "something broke": shown as a sentence.
bool NotForReader(const Error& error) {
  return error.code == ErrorCode::kPermissionDenied || error.code == ErrorCode::kNotFound;
}

std::string Reason(const Error& error) {
  return error.code == ErrorCode::kNotFound ? "no longer exists" : "not shared with you";
}

}  // namespace

const LinkedPersona* WorkbookExport::Persona(Id id) const {
  auto it = std::find_if(personas.begin(), personas.end(),
                         [&](const LinkedPersona& p) { return p.id == id; });
  return it == personas.end() ? nullptr : &*it;
}

const LinkedMap* WorkbookExport::Map(Id id) const {
  auto it = std::find_if(maps.begin(), maps.end(), [&](const LinkedMap& m) { return m.id == id; });
  return it == maps.end() ? nullptr : &*it;
}

Result<LinkedPersona> WorkbookExports::ReadPersona(const RequestContext& ctx, Id id,
                                                   StratumNumbers& numbers) {
  LinkedPersona linked{id, std::nullopt, std::nullopt, "", ""};
  Result<PersonaView> persona = personas_.Get(ctx, id, &numbers);
  if (!persona) {
    if (!NotForReader(persona.error())) return tl::unexpected(persona.error());
    linked.unavailable = Reason(persona.error());
    return linked;
  }
  COVALUE_ASSIGN_OR_RETURN(WorkbookView texts,
                           workbooks_.GetWorkbook(ctx, persona->persona.workbook_id));
  if (persona->persona.picture_width > 0) {
    COVALUE_ASSIGN_OR_RETURN(linked.picture_png, personas_.Picture(ctx, id));
  }
  linked.persona = std::move(*persona);
  if (texts.text_visible) linked.texts = std::move(texts);
  return linked;
}

Result<LinkedMap> WorkbookExports::ReadMap(const RequestContext& ctx, Id id) {
  LinkedMap linked{id, std::nullopt, std::nullopt, ""};
  Result<ProcessMapView> map = maps_.Get(ctx, id);
  if (!map) {
    if (!NotForReader(map.error())) return tl::unexpected(map.error());
    linked.unavailable = Reason(map.error());
    return linked;
  }
  COVALUE_ASSIGN_OR_RETURN(linked.costs, maps_.Costs(ctx, id, std::nullopt));
  linked.map = std::move(*map);
  return linked;
}

Result<WorkbookExport> WorkbookExports::Export(const RequestContext& ctx, Id workbook_id) {
  WorkbookExport out;
  COVALUE_ASSIGN_OR_RETURN(out.view, workbooks_.GetWorkbook(ctx, workbook_id));
  if (!out.view.text_visible) {
    return Fail(ErrorCode::kPermissionDenied, "the team has not shared this workbook's answers",
                "id");
  }
  COVALUE_ASSIGN_OR_RETURN(out.guide, workbooks_.GetGuide(ctx, out.view.workbook.guide_id));
  COVALUE_ASSIGN_OR_RETURN(out.persona_guide, workbooks_.GetGuide(ctx, kPersonaGuide));
  out.read_ms = gate_.NowMs();
  std::size_t linked = 0;
  StratumNumbers numbers;
  for (const WorkbookAnswer& answer : out.view.answers) {
    if (!answer.latest) continue;
    for (const ArtefactLink& link : ArtefactLinksIn(answer.latest->text)) {
      if (link.kind == ArtefactKind::kPersona && out.Persona(link.id) == nullptr &&
          linked < kMaxLinked) {
        COVALUE_ASSIGN_OR_RETURN(LinkedPersona persona, ReadPersona(ctx, link.id, numbers));
        out.personas.push_back(std::move(persona));
        ++linked;
      } else if (link.kind == ArtefactKind::kProcessMap && out.Map(link.id) == nullptr &&
                 linked < kMaxLinked) {
        COVALUE_ASSIGN_OR_RETURN(LinkedMap map, ReadMap(ctx, link.id));
        out.maps.push_back(std::move(map));
        ++linked;
      }
    }
  }
  return out;
}

}  // namespace covalue::app
