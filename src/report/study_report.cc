#include "report/study_report.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "report/cairo_canvas.h"

namespace covalue::report {
namespace {

// Pages are laid out 720 units wide and drawn on A4 (595 × 842 points).
constexpr double kA4Width = 595;
constexpr double kA4Height = 842;
constexpr double kWidth = 720;
constexpr double kScale = kA4Width / kWidth;
constexpr double kHeight = kA4Height / kScale;
constexpr double kMargin = 40;
constexpr double kCharWidth = 0.62;  // of the type size (DejaVu Sans, bold included), for wrapping
constexpr const char* kInk = "#1a1a1a";

using Page = std::function<void(Canvas&)>;

// Text broken into lines of at most width characters, at spaces where it can be.
std::vector<std::string> Wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    while (word.size() > width) {
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      lines.push_back(word.substr(0, width));
      word = word.substr(width);
    }
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string CellText(const SheetCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  const double v = std::get<double>(cell);
  if (std::isfinite(v) && v == std::round(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:.4g}", v);
}

void Footer(Canvas& c, const std::string& title, int page) {
  c.Text(kMargin, kHeight - 20, 8, false, Anchor::kStart, "#555555", title);
  c.Text(kWidth - kMargin, kHeight - 20, 8, false, Anchor::kEnd, "#555555",
         fmt::format("{}", page));
}

// Each column's width in characters: the sheet's, else its longest heading word or cell (at
// most 40, at least 4).
std::vector<double> WidthsOf(const Sheet& sheet) {
  const std::size_t columns = sheet.headings.size();
  if (!sheet.widths.empty()) {
    std::vector<double> chars(columns, 12);
    for (std::size_t c = 0; c < columns && c < sheet.widths.size(); ++c) chars[c] = sheet.widths[c];
    return chars;
  }
  std::vector<double> chars(columns, 4);
  const auto fit = [&](std::size_t c, std::size_t length) {
    chars[c] = std::clamp(static_cast<double>(length) + 2, chars[c], 42.0);  // 2: the gap
  };
  for (std::size_t c = 0; c < columns; ++c) {
    std::istringstream words(sheet.headings[c]);
    for (std::string word; words >> word;) fit(c, word.size());
  }
  for (const auto& row : sheet.rows) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) fit(c, CellText(row[c]).size());
  }
  return chars;
}

// A sheet as table pages: column widths (WidthsOf) scaled to the page; a note instead when too
// wide even at 6-point type.
std::vector<Page> SheetPages(const Sheet& sheet, const std::string& title, int& page) {
  const std::size_t columns = sheet.headings.size();
  const std::vector<double> chars = WidthsOf(sheet);
  double total = 0;
  for (double w : chars) total += w;
  const double usable = kWidth - 2 * kMargin;
  const double size = std::min(9.0, usable / (total * kCharWidth));
  std::vector<Page> pages;
  if (size < 6 || columns == 0) {
    const int number = ++page;
    pages.push_back([name = sheet.name, columns, title, number](Canvas& c) {
      c.Text(kMargin, 60, 16, true, Anchor::kStart, kInk, name);
      c.Text(kMargin, 90, 10, false, Anchor::kStart, kInk,
             fmt::format("{} columns: too wide for a page; in the CSV and XLSX files.", columns));
      Footer(c, title, number);
    });
    return pages;
  }
  std::vector<double> x(columns + 1, kMargin);
  for (std::size_t c = 0; c < columns; ++c) x[c + 1] = x[c] + chars[c] * size * kCharWidth;
  const double line = size * 1.35;
  // Each row's cells wrapped to their columns.
  struct Row {
    std::vector<std::vector<std::string>> cells;
    std::size_t height = 1;
  };
  const auto wrap_row = [&](const std::vector<std::string>& texts) {
    Row row;
    for (std::size_t c = 0; c < columns; ++c) {
      const auto width = static_cast<std::size_t>(std::max(1.0, chars[c] - 2));
      row.cells.push_back(Wrap(c < texts.size() ? texts[c] : std::string(), width));
      row.height = std::max(row.height, row.cells.back().size());
    }
    return row;
  };
  const Row heading = wrap_row(sheet.headings);
  // Shared by the pages, which are drawn after this returns.
  const auto rows = std::make_shared<std::vector<Row>>();
  for (const auto& cells : sheet.rows) {
    std::vector<std::string> texts;
    for (const SheetCell& cell : cells) texts.push_back(CellText(cell));
    rows->push_back(wrap_row(texts));
  }
  const double top = 60, bottom = kHeight - 50;
  std::size_t next = 0;
  do {
    const std::size_t first = next;
    double y = top + 30 + static_cast<double>(heading.height) * line + 4;
    while (next < rows->size() &&
           (next == first || y + static_cast<double>((*rows)[next].height) * line <= bottom)) {
      y += static_cast<double>((*rows)[next].height) * line + 2;
      ++next;
    }
    const std::size_t last = next;
    const int number = ++page;
    const bool continued = pages.size() > 0;
    pages.push_back([=, name = sheet.name](Canvas& c) {
      c.Text(kMargin, top, 16, true, Anchor::kStart, kInk,
             continued ? name + " (continued)" : name);
      double at = top + 30;
      const auto draw_row = [&](const Row& row, bool bold) {
        for (std::size_t col = 0; col < row.cells.size(); ++col) {
          for (std::size_t l = 0; l < row.cells[col].size(); ++l) {
            c.Text(x[col], at + static_cast<double>(l) * line, size, bold, Anchor::kStart, kInk,
                   row.cells[col][l]);
          }
        }
        at += static_cast<double>(row.height) * line + 2;
      };
      draw_row(heading, true);
      c.Polyline({{kMargin, at - line + 2}, {x[columns], at - line + 2}}, {"#999999", 0.5, {}});
      for (std::size_t r = first; r < last; ++r) draw_row((*rows)[r], false);
      Footer(c, title, number);
    });
  } while (next < rows->size());
  return pages;
}

std::vector<Page> PagesOf(const StudyReport& report) {
  std::vector<Page> pages;
  int page = 1;
  pages.push_back([&report](Canvas& c) {
    double y = 90;
    for (const std::string& l : Wrap(report.title, 50)) {
      c.Text(kMargin, y, 22, true, Anchor::kStart, kInk, l);
      y += 30;
    }
    y += 10;
    for (const std::string& text : report.lines) {
      for (const std::string& l : Wrap(text, 105)) {
        c.Text(kMargin, y, 11, false, Anchor::kStart, kInk, l);
        y += 16;
      }
      y += 6;
    }
    Footer(c, report.title, 1);
  });
  if (report.picture) {
    for (int i = 0; i < ConceptMapPanels(*report.picture); ++i) {
      const int number = ++page;
      pages.push_back([&report, i, number](Canvas& c) {
        DrawConceptMapPanel(*report.picture, i, 60, c);
        Footer(c, report.title, number);
      });
    }
  }
  for (const Sheet& sheet : report.sheets) {
    for (Page& p : SheetPages(sheet, report.title, page)) pages.push_back(std::move(p));
  }
  return pages;
}

}  // namespace

Sheet Narrowed(const Sheet& sheet,
               const std::function<bool(const std::string& heading)>& keep_column,
               const std::function<bool(const std::vector<SheetCell>& row)>& keep_row) {
  std::vector<std::size_t> kept;
  Sheet out{sheet.name, {}, {}, {}};
  for (std::size_t c = 0; c < sheet.headings.size(); ++c) {
    if (!keep_column(sheet.headings[c])) continue;
    kept.push_back(c);
    out.headings.push_back(sheet.headings[c]);
  }
  for (const auto& row : sheet.rows) {
    if (keep_row && !keep_row(row)) continue;
    std::vector<SheetCell> cells;
    for (std::size_t c : kept) cells.push_back(c < row.size() ? row[c] : SheetCell(std::string()));
    out.rows.push_back(std::move(cells));
  }
  return out;
}

Status WriteStudyReportPdf(const StudyReport& report, const std::string& path,
                           const std::string& field) {
  return WritePdfPages(kA4Width, kA4Height, kScale, PagesOf(report), path, field);
}

Result<std::string> StudyReportPdf(const StudyReport& report) {
  std::string path = (std::filesystem::temp_directory_path() / "covalue-report-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return Fail(ErrorCode::kInternal, "cannot create a temporary file for the report");
  }
  close(fd);
  const Status written = WriteStudyReportPdf(report, path, "report");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (!written) {
    return Fail(ErrorCode::kInternal, written.error().message);
  }
  return bytes.str();
}

}  // namespace covalue::report
