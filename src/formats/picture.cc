// Pictures re-encoded through libpng's simplified API and libjpeg(-turbo).

#include "formats/picture.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <jpeglib.h>
#include <png.h>
#include <vector>

#include <fmt/format.h>

namespace covalue::formats {
namespace {

// Decoded pixels: 8-bit RGBA, row after row.
struct Pixels {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgba;
};

Error Broken(std::string_view why) {
  return Error{ErrorCode::kInvalidArgument, fmt::format("the picture cannot be read: {}", why),
               "picture"};
}

Error TooLarge(int width, int height) {
  return Error{
      ErrorCode::kInvalidArgument,
      fmt::format("the picture is {}×{} pixels; at most {} a side", width, height, kMaxPictureSide),
      "picture"};
}

bool IsPng(std::string_view bytes) {
  return bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0;
}

bool IsJpeg(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
         static_cast<unsigned char>(bytes[1]) == 0xD8 &&
         static_cast<unsigned char>(bytes[2]) == 0xFF;
}

Result<Pixels> DecodePng(std::string_view bytes) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
    return tl::unexpected(Broken(image.message));
  }
  const int width = static_cast<int>(image.width);
  const int height = static_cast<int>(image.height);
  if (width > kMaxPictureSide || height > kMaxPictureSide || width < 1 || height < 1) {
    png_image_free(&image);
    return tl::unexpected(TooLarge(width, height));
  }
  image.format = PNG_FORMAT_RGBA;
  Pixels pixels{width, height, std::vector<unsigned char>(PNG_IMAGE_SIZE(image))};
  if (png_image_finish_read(&image, nullptr, pixels.rgba.data(), 0, nullptr) == 0) {
    return tl::unexpected(Broken(image.message));
  }
  return pixels;
}

// libjpeg reports fatal errors through error_exit, which must not return: it jumps back to
// DecodeJpeg with the message kept.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf back;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void JpegFailed(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->back, 1);
}

void JpegWarning(j_common_ptr, int) {}  // a recoverable oddity: decode what there is

// Only plain C objects live in the frame the jump returns to; the pixels are written through a
// pointer set up before it.
bool DecodeJpegInto(std::string_view bytes, Pixels* out, JpegErrors* errors) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&errors->manager);
  errors->manager.error_exit = JpegFailed;
  errors->manager.emit_message = JpegWarning;
  errors->message[0] = '\0';
  if (setjmp(errors->back) != 0) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  out->width = static_cast<int>(info.image_width);
  out->height = static_cast<int>(info.image_height);
  if (out->width > kMaxPictureSide || out->height > kMaxPictureSide) {
    jpeg_destroy_decompress(&info);
    return true;  // the caller refuses it by its size, nothing decoded
  }
  info.out_color_space = JCS_EXT_RGBA;
  // The decoder scales by 1/2, 1/4 or 1/8 for free: as far as the kept size allows.
  const int longest = std::max(out->width, out->height);
  info.scale_num = 1;
  info.scale_denom = 1;
  while (info.scale_denom < 8 &&
         longest / static_cast<int>(info.scale_denom * 2) >= kKeptPictureSide) {
    info.scale_denom *= 2;
  }
  jpeg_start_decompress(&info);
  out->width = static_cast<int>(info.output_width);
  out->height = static_cast<int>(info.output_height);
  out->rgba.resize(static_cast<std::size_t>(out->width) * static_cast<std::size_t>(out->height) *
                   4);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out->rgba.data() + static_cast<std::size_t>(info.output_scanline) *
                                          static_cast<std::size_t>(out->width) * 4;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

Result<Pixels> DecodeJpeg(std::string_view bytes) {
  Pixels pixels;
  JpegErrors errors{};
  if (!DecodeJpegInto(bytes, &pixels, &errors)) return tl::unexpected(Broken(errors.message));
  if (pixels.width > kMaxPictureSide || pixels.height > kMaxPictureSide) {
    return tl::unexpected(TooLarge(pixels.width, pixels.height));
  }
  if (pixels.width < 1 || pixels.height < 1) return tl::unexpected(Broken("it has no pixels"));
  return pixels;
}

// Scaled down to fit side × side, each new pixel the mean of the old ones it covers (alpha
// weighted, so transparent pixels do not darken the edges); smaller pictures are kept as they are.
Pixels FitWithin(Pixels in, int side) {
  if (in.width <= side && in.height <= side) return in;
  const double scale = static_cast<double>(side) / std::max(in.width, in.height);
  Pixels out;
  out.width = std::max(1, static_cast<int>(in.width * scale + 0.5));
  out.height = std::max(1, static_cast<int>(in.height * scale + 0.5));
  out.rgba.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 4);
  for (int y = 0; y < out.height; ++y) {
    const int y0 = y * in.height / out.height;
    const int y1 = std::max(y0 + 1, (y + 1) * in.height / out.height);
    for (int x = 0; x < out.width; ++x) {
      const int x0 = x * in.width / out.width;
      const int x1 = std::max(x0 + 1, (x + 1) * in.width / out.width);
      double r = 0, g = 0, b = 0, a = 0;
      for (int sy = y0; sy < y1; ++sy) {
        const unsigned char* p =
            in.rgba.data() + (static_cast<std::size_t>(sy) * static_cast<std::size_t>(in.width) +
                              static_cast<std::size_t>(x0)) *
                                 4;
        for (int sx = x0; sx < x1; ++sx, p += 4) {
          r += p[0] * p[3];
          g += p[1] * p[3];
          b += p[2] * p[3];
          a += p[3];
        }
      }
      const double n = static_cast<double>((y1 - y0) * (x1 - x0));
      unsigned char* q =
          out.rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width) +
                             static_cast<std::size_t>(x)) *
                                4;
      q[0] = static_cast<unsigned char>(a > 0 ? r / a + 0.5 : 0);
      q[1] = static_cast<unsigned char>(a > 0 ? g / a + 0.5 : 0);
      q[2] = static_cast<unsigned char>(a > 0 ? b / a + 0.5 : 0);
      q[3] = static_cast<unsigned char>(a / n + 0.5);
    }
  }
  return out;
}

Result<std::string> EncodePng(const Pixels& pixels) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(pixels.width);
  image.height = static_cast<png_uint_32>(pixels.height);
  image.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  if (png_image_write_to_memory(&image, nullptr, &size, 0, pixels.rgba.data(), 0, nullptr) == 0) {
    return Fail(ErrorCode::kInternal,
                fmt::format("the picture cannot be written: {}", image.message));
  }
  std::string png(size, '\0');
  if (png_image_write_to_memory(&image, png.data(), &size, 0, pixels.rgba.data(), 0, nullptr) ==
      0) {
    return Fail(ErrorCode::kInternal,
                fmt::format("the picture cannot be written: {}", image.message));
  }
  png.resize(size);
  return png;
}

}  // namespace

Result<Picture> ReencodePicture(std::string_view bytes) {
  if (bytes.size() > kMaxPictureBytes) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("a picture may be at most {} bytes", kMaxPictureBytes), "body");
  }
  Result<Pixels> pixels =
      IsPng(bytes)    ? DecodePng(bytes)
      : IsJpeg(bytes) ? DecodeJpeg(bytes)
                      : tl::unexpected(Error{ErrorCode::kUnsupported,
                                             "a picture must be a PNG or a JPEG", "picture"});
  if (!pixels) return tl::unexpected(pixels.error());
  Pixels kept = FitWithin(std::move(*pixels), kKeptPictureSide);
  COVALUE_ASSIGN_OR_RETURN(std::string png, EncodePng(kept));
  return Picture{std::move(png), kept.width, kept.height};
}

}  // namespace covalue::formats
