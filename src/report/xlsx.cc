#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fmt/format.h>

#include "report/export.h"
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

Result<std::string> WorkbookXlsx(const Guide& guide, const app::WorkbookView& view,
                                 std::string_view language) {
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
  });
}

}  // namespace covalue::report
