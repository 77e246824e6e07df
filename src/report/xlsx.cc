#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include "domain/dates.h"
#include "report/export.h"
#include "report/linked_artefacts.h"
#include "report/process_map_drawing.h"
#include "report/sheets.h"

namespace covalue::report {
namespace {

// Excel keeps at most this many characters in a cell.
constexpr std::size_t kMaxCell = 32'000;

std::string Cell(const std::string& text) {
  return text.size() <= kMaxCell ? text : text.substr(0, kMaxCell) + " […]";
}

struct Question {
  std::string step;
  const GuideItem* item;
};

// Each question by link id, with the title of the step it lies in.
void Collect(const std::vector<GuideItem>& items, const std::string& step,
             std::map<std::string, Question>& questions, std::string_view language) {
  for (const GuideItem& item : items) {
    if (item.type == GuideItemType::kGroup) {
      Collect(item.items, step.empty() ? item.text.In(language) : step, questions, language);
    } else {
      questions[item.link_id] = {step, &item};
    }
  }
}

// A temporary file libxlsxwriter writes to, read back whole and removed.
Result<std::string> WriteBook(const std::function<void(lxw_workbook*)>& fill) {
  std::string path = (std::filesystem::temp_directory_path() / "covalue-export-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return Fail(ErrorCode::kInternal, "cannot create a temporary file for the spreadsheet");
  }
  close(fd);
  lxw_workbook* book = workbook_new(path.c_str());
  fill(book);
  const lxw_error closed = workbook_close(book);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (closed != LXW_NO_ERROR) {
    return Fail(ErrorCode::kInternal,
                fmt::format("the spreadsheet could not be written: {}", lxw_strerror(closed)));
  }
  return bytes.str();
}

}  // namespace

Result<std::string> SheetsXlsx(const std::vector<Sheet>& sheets) {
  return WriteBook([&](lxw_workbook* book) {
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(book);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    for (const Sheet& s : sheets) {
      lxw_worksheet* sheet = workbook_add_worksheet(book, s.name.c_str());
      for (std::size_t c = 0; c < s.widths.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(sheet, col, col, s.widths[c], s.widths[c] > 30 ? wrap : nullptr);
      }
      for (std::size_t c = 0; c < s.headings.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), s.headings[c].c_str(), bold);
      }
      for (std::size_t r = 0; r < s.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
          const auto col = static_cast<lxw_col_t>(c);
          if (const auto* text = std::get_if<std::string>(&s.rows[r][c])) {
            if (!text->empty()) worksheet_write_string(sheet, row, col, Cell(*text).c_str(), nullptr);
          } else {
            worksheet_write_number(sheet, row, col, std::get<double>(s.rows[r][c]), nullptr);
          }
        }
      }
    }
  });
}

namespace {

// The linked personas, a row each: their numbers as of the export (dated) and their texts.
void WritePersonas(lxw_workbook* book, const app::WorkbookExport& e, std::string_view language,
                   lxw_format* bold, lxw_format* wrap) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Personas");
  const std::string headings[] = {
      std::string(LinkedWord("persona", language)),   std::string(LinkedWord("stratum", language)),
      "Numbers as of",                                  std::string(LinkedWord("people", language)),
      std::string(LinkedWord("utilisation", language)), std::string(LinkedWord("cost", language)),
      "Currency",                                       std::string(LinkedWord("scores", language)),
      "Texts"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(sheet, 0, c, headings[c].c_str(), bold);
  worksheet_set_column(sheet, 0, 0, 28, wrap);
  worksheet_set_column(sheet, 7, 7, 30, wrap);
  worksheet_set_column(sheet, 8, 8, 80, wrap);
  lxw_row_t r = 1;
  for (const app::LinkedPersona& linked : e.personas) {
    if (!linked.persona) {
      worksheet_write_string(sheet, r, 0, fmt::format("{} {}", LinkedWord("persona", language), linked.id).c_str(), wrap);
      worksheet_write_string(sheet, r, 8, std::string(LinkedWord(linked.unavailable, language)).c_str(), wrap);
      ++r;
      continue;
    }
    const app::PersonaView& p = *linked.persona;
    worksheet_write_string(sheet, r, 0, p.persona.name.c_str(), wrap);
    worksheet_write_string(sheet, r, 1, p.persona.stratum.c_str(), nullptr);
    if (p.numbers) {
      worksheet_write_string(sheet, r, 2, FormatDate(e.read_ms).c_str(), nullptr);
      if (p.numbers->suppressed) {
        worksheet_write_string(sheet, r, 3, std::string(LinkedWord("suppressed", language)).c_str(), nullptr);
      } else {
        if (p.numbers->people) worksheet_write_number(sheet, r, 3, static_cast<double>(*p.numbers->people), nullptr);
        if (p.numbers->utilisation_per_person_year) worksheet_write_number(sheet, r, 4, *p.numbers->utilisation_per_person_year, nullptr);
        if (p.numbers->cost_per_person_year) worksheet_write_number(sheet, r, 5, *p.numbers->cost_per_person_year, nullptr);
        std::string scores;
        for (const auto& [code, q] : p.numbers->scores) {
          if (q) scores += fmt::format("{}{}: {} ({}–{})", scores.empty() ? "" : "; ", code, Amount(q->median), Amount(q->q1), Amount(q->q3));
        }
        worksheet_write_string(sheet, r, 7, scores.c_str(), wrap);
      }
      worksheet_write_string(sheet, r, 6, p.currency.c_str(), nullptr);
    }
    std::string texts;
    for (const auto& [question, text] : PersonaTexts(e, linked, language)) {
      texts += fmt::format("{}{}\n{}", texts.empty() ? "" : "\n\n", question, text);
    }
    worksheet_write_string(sheet, r, 8, Cell(texts).c_str(), wrap);
    ++r;
  }
}

// A sheet of a linked map: its cost tables, then its picture.
void WriteMap(lxw_workbook* book, const app::LinkedMap& linked, std::string_view language,
              const std::string* png, lxw_format* bold, lxw_format* wrap) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, fmt::format("Map {}", linked.id).c_str());
  if (!linked.map) {
    worksheet_write_string(sheet, 0, 0, std::string(LinkedWord(linked.unavailable, language)).c_str(), nullptr);
    return;
  }
  worksheet_write_string(sheet, 0, 0, linked.map->map.name.c_str(), bold);
  worksheet_set_column(sheet, 0, 0, 36, wrap);
  worksheet_set_column(sheet, 1, 2, 18, wrap);
  worksheet_set_column(sheet, 3, 5, 14, nullptr);
  const MapCosts& costs = linked.costs->costs;
  const std::string currency = linked.costs->currency;
  lxw_row_t r = 2;
  worksheet_write_string(sheet, r, 0, std::string(LinkedWord("by_configuration", language)).c_str(), bold);
  worksheet_write_string(sheet, r++, 1, fmt::format("{} ({})", LinkedWord("total", language), currency).c_str(), bold);
  for (std::size_t i = 0; i < std::size(kValueConfigurations); ++i) {
    worksheet_write_string(sheet, r, 0, std::string(LinkedWord(ValueConfigurationName(kValueConfigurations[i]), language)).c_str(), nullptr);
    worksheet_write_number(sheet, r++, 1, costs.by_configuration[i], nullptr);
  }
  for (const JourneyCost& j : costs.journeys) {
    worksheet_write_string(sheet, r, 0, fmt::format("{}: {}", LinkedWord("journey", language), j.name).c_str(), nullptr);
    worksheet_write_number(sheet, r++, 1, j.per_year, nullptr);
  }
  worksheet_write_string(sheet, r, 0, std::string(LinkedWord("total", language)).c_str(), bold);
  worksheet_write_number(sheet, r++, 1, costs.total, bold);
  ++r;
  const char* keys[] = {"step", "lane", "configuration", "direct", "person_cost", "total"};
  for (lxw_col_t c = 0; c < 6; ++c) {
    const std::string heading = c < 3 ? std::string(LinkedWord(keys[c], language))
                                      : fmt::format("{} ({})", LinkedWord(keys[c], language), currency);
    worksheet_write_string(sheet, r, c, heading.c_str(), bold);
  }
  ++r;
  const ProcessMapContent& content = linked.map->map.latest.content;
  for (const StepCost& s : costs.steps) {
    worksheet_write_string(sheet, r, 0, StepTitle(content, s.step_id).c_str(), wrap);
    worksheet_write_string(sheet, r, 1, LaneTitle(content, s.lane_id).c_str(), wrap);
    worksheet_write_string(sheet, r, 2, std::string(LinkedWord(ValueConfigurationName(s.configuration), language)).c_str(), nullptr);
    worksheet_write_number(sheet, r, 3, s.direct, nullptr);
    worksheet_write_number(sheet, r, 4, s.person, nullptr);
    worksheet_write_number(sheet, r++, 5, s.total, nullptr);
  }
  if (png != nullptr) {
    lxw_image_options options{};
    options.x_scale = 0.5;  // drawn at twice the size
    options.y_scale = 0.5;
    worksheet_insert_image_buffer_opt(sheet, r + 1, 0,
                                      reinterpret_cast<const unsigned char*>(png->data()),
                                      png->size(), &options);
  }
}

}  // namespace

Result<std::string> WorkbookXlsx(const app::WorkbookExport& e, std::string_view language) {
  const Guide& guide = e.guide;
  const app::WorkbookView& view = e.view;
  // The maps' pictures, drawn before the book is written (a failed drawing fails the export).
  std::vector<std::optional<std::string>> pictures;
  for (const app::LinkedMap& linked : e.maps) {
    if (!linked.map) {
      pictures.emplace_back();
      continue;
    }
    COVALUE_ASSIGN_OR_RETURN(std::string png,
                             ProcessMapPng({linked.map->map.name, &linked.map->map.latest.content,
                                            &linked.costs->costs, linked.costs->currency}));
    pictures.emplace_back(std::move(png));
  }
  return WriteBook([&](lxw_workbook* book) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Answers");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(book);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    const char* headings[] = {"Step",      "Question id", "Question",           "Answer",
                              "Revisions", "Last author", "Last saved (UTC ms)"};
    for (lxw_col_t c = 0; c < 7; ++c) {
      worksheet_write_string(sheet, 0, c, headings[c], bold);
    }
    worksheet_set_column(sheet, 0, 0, 28, wrap);
    worksheet_set_column(sheet, 2, 2, 48, wrap);
    worksheet_set_column(sheet, 3, 3, 64, wrap);
    std::map<std::string, Question> questions;
    Collect(guide.items, "", questions, language);
    // One row per answer of the view: every question, and each instance of a repeating group's.
    lxw_row_t r = 1;
    for (const app::WorkbookAnswer& answer : view.answers) {
      const auto found = questions.find(answer.link_id);
      if (found == questions.end()) {
        continue;
      }
      const Question& question = found->second;
      worksheet_write_string(sheet, r, 0, question.step.c_str(), wrap);
      worksheet_write_string(sheet, r, 1, answer.key.c_str(), nullptr);
      worksheet_write_string(sheet, r, 2, question.item->text.In(language).c_str(), wrap);
      if (answer.latest) {
        worksheet_write_string(sheet, r, 3, Cell(answer.latest->text).c_str(), wrap);
        worksheet_write_string(sheet, r, 5, answer.latest->author.c_str(), nullptr);
        worksheet_write_number(sheet, r, 6, static_cast<double>(answer.latest->created_ms),
                               nullptr);
      }
      worksheet_write_number(sheet, r, 4, static_cast<double>(answer.revisions), nullptr);
      ++r;
    }
    if (!e.personas.empty()) WritePersonas(book, e, language, bold, wrap);
    for (std::size_t i = 0; i < e.maps.size(); ++i) {
      WriteMap(book, e.maps[i], language, pictures[i] ? &*pictures[i] : nullptr, bold, wrap);
    }
  });
}

}  // namespace covalue::report
