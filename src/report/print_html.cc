#include <fmt/format.h>

#include "report/export.h"
#include "report/linked_artefacts.h"

namespace covalue::report {

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* kStyle = R"(
@page { size: A4; margin: 18mm 16mm; }
body { font-family: system-ui, sans-serif; color: #111; line-height: 1.45; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.05rem; margin-top: 1.25rem; }
.meta, .hint, .intro { color: #444; }
.hint { font-style: italic; font-size: .95rem; }
.answer { white-space: pre-wrap; border-left: 3px solid #0b5cad; padding: .25rem .75rem; }
.blank { border: 1px solid #999; min-height: 6rem; }
.empty { color: #666; font-style: italic; }
aside.linked { border: 1px solid #bbb; border-radius: 4px; padding: .5rem .9rem; margin: .75rem 0; }
aside.linked h4 { margin: .25rem 0; font-size: 1rem; }
aside.linked h5 { margin: .75rem 0 .25rem; font-size: .95rem; }
aside.linked table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
aside.linked th, aside.linked td { border: 1px solid #ccc; padding: .15rem .5rem; text-align: left; }
aside.linked td { text-align: right; font-variant-numeric: tabular-nums; }
figure.picture { margin: .5rem 0; overflow-x: auto; }
img.portrait { float: right; max-width: 9rem; max-height: 9rem; margin: 0 0 .5rem .75rem; border-radius: 4px; }
aside.linked::after { content: ""; display: block; clear: both; }
figure.picture svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } section.step { break-before: page; }
               section.step:first-of-type { break-before: auto; } .answer, .blank { break-inside: avoid; }
               figure.picture { break-inside: avoid; } }
)";

struct Printing {
  const app::WorkbookView* view = nullptr;   // absent: the blank guide
  const app::WorkbookExport* linked = nullptr;
  LinkedShown shown = {};
};

void Write(std::string& out, const std::vector<GuideItem>& items, Printing& p,
           std::string_view language, bool top, int instance) {
  const app::WorkbookView* view = p.view;
  for (const GuideItem& item : items) {
    if (item.type == GuideItemType::kGroup) {
      const int n = view != nullptr ? view->Instances(item) : 1;
      for (int i = 1; i <= n; ++i) {
        out += top ? "<section class=\"step\">" : "<section>";
        out += fmt::format("<h2>{}{}</h2>", EscapeMarkup(item.text.In(language)),
                           n > 1 ? fmt::format(" ({})", i) : "");
        if (!item.introduction.Empty()) {
          out += fmt::format("<p class=\"intro\">{}</p>",
                             EscapeMarkup(item.introduction.In(language)));
        }
        Write(out, item.items, p, language, false, item.repeats ? i : instance);
        out += "</section>\n";
      }
      continue;
    }
    out += fmt::format("<h3>{}</h3>", EscapeMarkup(item.text.In(language)));
    if (!item.hint.Empty()) {
      out += fmt::format("<p class=\"hint\">{}</p>", EscapeMarkup(item.hint.In(language)));
    }
    const app::WorkbookAnswer* answer =
        view != nullptr ? view->Answer(AnswerKey{item.link_id, instance}.ToString()) : nullptr;
    if (view == nullptr) {
      out += "<div class=\"blank\"></div>";
    } else if (answer != nullptr && answer->latest && !answer->latest->text.empty()) {
      out += fmt::format("<div class=\"answer\">{}</div>", EscapeMarkup(answer->latest->text));
      for (const ArtefactLink& link : p.shown.FirstIn(answer->latest->text)) {
        out += LinkedHtml(*p.linked, link, language);
      }
    } else {
      out += fmt::format("<p class=\"empty\">{}</p>",
                         language == "sv" ? "Inget svar ännu." : "No answer yet.");
    }
    out += "\n";
  }
}

std::string Print(const Guide& guide, Printing p, std::string_view language) {
  const app::WorkbookView* view = p.view;
  std::string out = fmt::format(
      "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>"
      "<style>{}</style></head><body>\n<h1>{}</h1>\n",
      EscapeMarkup(language), EscapeMarkup(guide.title.In(language)), kStyle,
      EscapeMarkup(guide.title.In(language)));
  if (view != nullptr) {
    out += fmt::format("<p class=\"meta\">{} · {} {}</p>\n", EscapeMarkup(view->team_name),
                       language == "sv" ? "arbetsbok" : "workbook", view->workbook.id);
  } else if (!guide.description.Empty()) {
    out += fmt::format("<p class=\"meta\">{}</p>\n", EscapeMarkup(guide.description.In(language)));
  }
  Write(out, guide.items, p, language, true, 1);
  out += "</body></html>\n";
  return out;
}

}  // namespace

std::string PrintHtml(const Guide& guide, std::string_view language) {
  return Print(guide, Printing{}, language);
}

std::string PrintHtml(const app::WorkbookExport& e, std::string_view language) {
  return Print(e.guide, Printing{&e.view, &e, {}}, language);
}

}  // namespace covalue::report
