#include <fmt/format.h>

#include "report/export.h"
#include "report/linked_artefacts.h"

namespace covalue::report {
namespace {

void Write(std::string& out, const std::vector<GuideItem>& items, const app::WorkbookExport& e,
           LinkedShown& shown, std::string_view language, int depth, int instance) {
  const app::WorkbookView& view = e.view;
  for (const GuideItem& item : items) {
    if (item.type == GuideItemType::kGroup) {
      const int n = view.Instances(item);
      for (int i = 1; i <= n; ++i) {
        out += fmt::format("\n{} {}{}\n\n", std::string(static_cast<std::size_t>(depth), '#'),
                           item.text.In(language), n > 1 ? fmt::format(" ({})", i) : "");
        if (!item.introduction.Empty()) {
          out += item.introduction.In(language) + "\n";
        }
        Write(out, item.items, e, shown, language, depth + 1, item.repeats ? i : instance);
      }
      continue;
    }
    out += fmt::format("\n**{}**\n\n", item.text.In(language));
    const app::WorkbookAnswer* answer = view.Answer(AnswerKey{item.link_id, instance}.ToString());
    if (answer != nullptr && answer->latest && !answer->latest->text.empty()) {
      out += answer->latest->text + "\n";
      for (const ArtefactLink& link : shown.FirstIn(answer->latest->text)) {
        out += LinkedMarkdown(e, link, language);
      }
    } else {
      out += language == "sv" ? "_Inget svar ännu._\n" : "_No answer yet._\n";
    }
  }
}

}  // namespace

std::string WorkbookMarkdown(const app::WorkbookExport& e, std::string_view language) {
  const Guide& guide = e.guide;
  const app::WorkbookView& view = e.view;
  LinkedShown shown;
  std::string out = fmt::format("# {}\n\n", guide.title.In(language));
  out += fmt::format("{} · {} {} · version {}\n", view.team_name,
                     language == "sv" ? "arbetsbok" : "workbook", view.workbook.id, guide.version);
  Write(out, guide.items, e, shown, language, 2, 1);
  return out;
}

}  // namespace covalue::report
