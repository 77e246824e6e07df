#include "report/cairo_canvas.h"

#include <cairo.h>
#include <memory>

#include <cairo-pdf.h>
#include <fmt/format.h>

namespace covalue::report {
namespace {

// "#rrggbb" as cairo's 0–1 channels.
void SetColour(cairo_t* cr, const char* hex, double opacity = 1) {
  const auto channel = [&](int at) {
    return std::stoi(std::string(hex + at, 2), nullptr, 16) / 255.0;
  };
  cairo_set_source_rgba(cr, channel(1), channel(3), channel(5), opacity);
}

class CairoCanvas final : public Canvas {
 public:
  explicit CairoCanvas(cairo_t* cr) : cr_(cr) {}

  void BeginPanel(const std::string&, const std::string&) override {}
  void EndPanel() override {}
  void Text(double x, double y, double size, bool bold, Anchor anchor, const char* colour,
            const std::string& text) override {
    cairo_select_font_face(cr_, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t extents;
    cairo_text_extents(cr_, text.c_str(), &extents);
    const double shift = anchor == Anchor::kStart    ? 0
                         : anchor == Anchor::kMiddle ? extents.x_advance / 2
                                                     : extents.x_advance;
    SetColour(cr_, colour);
    cairo_move_to(cr_, x - shift, y);
    cairo_show_text(cr_, text.c_str());
  }
  void Polyline(const std::vector<std::pair<double, double>>& points,
                const Stroke& stroke) override {
    SetColour(cr_, stroke.colour);
    cairo_set_line_width(cr_, stroke.width);
    cairo_set_dash(cr_, stroke.dash.data(), static_cast<int>(stroke.dash.size()), 0);
    cairo_move_to(cr_, points.front().first, points.front().second);
    for (std::size_t i = 1; i < points.size(); ++i) {
      cairo_line_to(cr_, points[i].first, points[i].second);
    }
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0);
  }
  void Polygon(const std::vector<std::pair<double, double>>& points, const char* fill,
               double opacity, const Stroke& stroke) override {
    cairo_move_to(cr_, points.front().first, points.front().second);
    for (std::size_t i = 1; i < points.size(); ++i) {
      cairo_line_to(cr_, points[i].first, points[i].second);
    }
    cairo_close_path(cr_);
    SetColour(cr_, fill, opacity);
    cairo_fill_preserve(cr_);
    SetColour(cr_, stroke.colour);
    cairo_set_line_width(cr_, stroke.width);
    cairo_set_dash(cr_, stroke.dash.data(), static_cast<int>(stroke.dash.size()), 0);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0);
  }
  void Dot(double x, double y, double radius, const char* colour, const std::string&) override {
    SetColour(cr_, colour);
    cairo_arc(cr_, x, y, radius, 0, 2 * 3.14159265358979323846);
    cairo_fill(cr_);
  }
  void Diamond(double x, double y, double half, const char* colour, const std::string&) override {
    SetColour(cr_, colour);
    cairo_move_to(cr_, x, y - half);
    cairo_line_to(cr_, x + half, y);
    cairo_line_to(cr_, x, y + half);
    cairo_line_to(cr_, x - half, y);
    cairo_close_path(cr_);
    cairo_fill(cr_);
  }

 private:
  cairo_t* cr_;
};

// Draws on a white page of surface, scaled.
Status Draw(cairo_surface_t* surface, const std::function<void(Canvas&)>& draw, double scale,
            const std::string& path, const std::string& field) {
  const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface), cairo_destroy);
  cairo_scale(cr.get(), scale, scale);
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  CairoCanvas canvas(cr.get());
  draw(canvas);
  if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                fmt::format("{}: {}", path, cairo_status_to_string(cairo_status(cr.get()))), field);
  }
  return Ok();
}

Status Finished(cairo_surface_t* surface, const std::string& path, const std::string& field) {
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: cannot be written ({})", path, cairo_status_to_string(status)),
                field);
  }
  return Ok();
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

}  // namespace

Status WritePng(double width, double height, const std::function<void(Canvas&)>& draw,
                const std::string& path, const std::string& field) {
  constexpr double kScale = 2;
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                   static_cast<int>(width * kScale),
                                                   static_cast<int>(height * kScale)),
                        cairo_surface_destroy);
  COVALUE_RETURN_IF_ERROR(Draw(surface.get(), draw, kScale, path, field));
  const cairo_status_t written = cairo_surface_write_to_png(surface.get(), path.c_str());
  if (written != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}: cannot be written ({})", path, cairo_status_to_string(written)),
                field);
  }
  return Ok();
}

Status WritePdf(double width, double height, const std::function<void(Canvas&)>& draw,
                const std::string& path, const std::string& field) {
  const Surface surface(cairo_pdf_surface_create(path.c_str(), width, height),
                        cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Finished(surface.get(), path, field);
  }
  COVALUE_RETURN_IF_ERROR(Draw(surface.get(), draw, 1, path, field));
  return Finished(surface.get(), path, field);
}

Status WritePdfPages(double width, double height, double scale,
                     const std::vector<std::function<void(Canvas&)>>& pages,
                     const std::string& path, const std::string& field) {
  const Surface surface(cairo_pdf_surface_create(path.c_str(), width, height),
                        cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Finished(surface.get(), path, field);
  }
  for (const auto& page : pages) {
    COVALUE_RETURN_IF_ERROR(Draw(surface.get(), page, scale, path, field));
    cairo_surface_show_page(surface.get());
  }
  return Finished(surface.get(), path, field);
}

namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> PngBytes(double width, double height,
                             const std::function<void(Canvas&)>& draw) {
  constexpr double kScale = 2;
  const Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                   static_cast<int>(width * kScale),
                                                   static_cast<int>(height * kScale)),
                        cairo_surface_destroy);
  COVALUE_RETURN_IF_ERROR(Draw(surface.get(), draw, kScale, "picture", "format"));
  std::string bytes;
  if (cairo_surface_write_to_png_stream(surface.get(), Append, &bytes) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "the PNG could not be written", "format");
  }
  return bytes;
}

Result<std::string> PdfBytes(double width, double height,
                             const std::function<void(Canvas&)>& draw) {
  std::string bytes;
  const Surface surface(cairo_pdf_surface_create_for_stream(Append, &bytes, width, height),
                        cairo_surface_destroy);
  COVALUE_RETURN_IF_ERROR(Draw(surface.get(), draw, 1, "picture", "format"));
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, "the PDF could not be written", "format");
  }
  return bytes;
}

}  // namespace covalue::report
