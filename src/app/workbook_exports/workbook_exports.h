#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/kernel/context.h"
#include "app/kernel/gate.h"
#include "app/personas/personas.h"
#include "app/process_maps/process_maps.h"
#include "app/workbooks/workbooks.h"
#include "domain/artefact_link.h"
#include "domain/error.h"
#include "domain/guide.h"

namespace covalue::app {

// A persona an answer links to, as the reader may see it: its stratum's numbers as they stand
// at reading, and its texts (the latest answers of its workbook of the persona guide).
struct LinkedPersona {
  Id id = 0;
  std::optional<PersonaView> persona;  // absent when the reader may not see it
  std::optional<WorkbookView> texts;
  std::string picture_png;  // its picture, when it has one
  std::string unavailable;  // why it is not shown
};

// A process map an answer links to, as it stands, with its costs (its journeys' among them).
struct LinkedMap {
  Id id = 0;
  std::optional<ProcessMapView> map;  // absent when the reader may not see it
  std::optional<ProcessMapCosts> costs;
  std::string unavailable;
};

// A workbook ready for print and export: its guide, its answers, and every persona and map
// they link to (domain/artefact_link.h), in order of first link, read when asked (read_ms).
struct WorkbookExport {
  Guide guide;
  WorkbookView view;
  Guide persona_guide;  // titles the personas' texts
  std::vector<LinkedPersona> personas;
  std::vector<LinkedMap> maps;
  std::int64_t read_ms = 0;

  const LinkedPersona* Persona(Id id) const;
  const LinkedMap* Map(Id id) const;
};

// The workbook's exports (print, Markdown, XLSX) with their linked artefacts (DESIGN.md §2:
// the guide's persona and process-map placeholders). Each linked persona or map is read as the
// reader may read it — through Personas and ProcessMaps, so the same policy, audit and
// small-cell rule apply as on their own pages — and one the reader may not see is listed with
// the reason instead. It sits above Workbooks, Personas and ProcessMaps, which know nothing of
// each other's exports.
class WorkbookExports {
 public:
  // At most this many linked artefacts are read for one export; further links stay text.
  static constexpr std::size_t kMaxLinked = 24;

  WorkbookExports(Gate& gate, Workbooks& workbooks, Personas& personas, ProcessMaps& maps)
      : gate_(gate), workbooks_(workbooks), personas_(personas), maps_(maps) {}
  WorkbookExports(const WorkbookExports&) = delete;
  WorkbookExports& operator=(const WorkbookExports&) = delete;

  // kPermissionDenied (field "id") when the reader follows the team's progress only and the
  // team has not shared the workbook; the errors of Workbooks::GetWorkbook otherwise.
  [[nodiscard]] Result<WorkbookExport> Export(const RequestContext& ctx, Id workbook_id);

 private:
  // numbers: the stratifications this export has summarised (each once, however many of its
  // personas are linked).
  Result<LinkedPersona> ReadPersona(const RequestContext& ctx, Id id, StratumNumbers& numbers);
  Result<LinkedMap> ReadMap(const RequestContext& ctx, Id id);

  Gate& gate_;
  Workbooks& workbooks_;
  Personas& personas_;
  ProcessMaps& maps_;
};

}  // namespace covalue::app
