#include <fmt/format.h>

#include "report/export.h"

namespace covalue::report {
namespace {

void Write(std::string& out, const std::vector<GuideItem>& items, const app::WorkbookView& view,
           std::string_view language, int depth, int instance) {
  for (const GuideItem& item : items) {
    if (item.type == GuideItemType::kGroup) {
      const int n = view.Instances(item);
      for (int i = 1; i <= n; ++i) {
        out += fmt::format("\n{} {}{}\n\n", std::string(static_cast<std::size_t>(depth), '#'),
                           item.text.In(language), n > 1 ? fmt::format(" ({})", i) : "");
        if (!item.introduction.Empty()) {
          out += item.introduction.In(language) + "\n";
        }
        Write(out, item.items, view, language, depth + 1, item.repeats ? i : instance);
      }
      continue;
    }
    out += fmt::format("\n**{}**\n\n", item.text.In(language));
    const app::WorkbookAnswer* answer = view.Answer(AnswerKey{item.link_id, instance}.ToString());
    if (answer != nullptr && answer->latest && !answer->latest->text.empty()) {
      out += answer->latest->text + "\n";
    } else {
      out += language == "sv" ? "_Inget svar ännu._\n" : "_No answer yet._\n";
    }
  }
}

}  // namespace

std::string WorkbookMarkdown(const Guide& guide, const app::WorkbookView& view,
                             std::string_view language) {
  std::string out = fmt::format("# {}\n\n", guide.title.In(language));
  out += fmt::format("{} · {} {} · version {}\n", view.team_name,
                     language == "sv" ? "arbetsbok" : "workbook", view.workbook.id, guide.version);
  Write(out, guide.items, view, language, 2, 1);
  return out;
}

}  // namespace covalue::report
