#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace covalue::formats {

// A picture someone uploads (a persona's portrait), made safe to keep and show: the bytes must be
// a PNG or a JPEG (known by their signature, not by what the sender calls them) of at most
// kMaxPictureBytes, declaring at most kMaxPictureSide pixels a side before anything is decoded;
// it is decoded whole (a large JPEG at a reduced scale), scaled down to fit kKeptPictureSide,
// and written again as a plain 8-bit
// RGBA PNG. Nothing of the upload but its pixels survives: no EXIF (places, devices, times), no
// text chunks, no colour profile, no trailing bytes.
inline constexpr std::size_t kMaxPictureBytes = 2 * 1024 * 1024;
inline constexpr int kMaxPictureSide = 4096;
inline constexpr int kKeptPictureSide = 800;

struct Picture {
  std::string png;
  int width = 0;
  int height = 0;
};

// kResourceExhausted (field "body", a 413) over kMaxPictureBytes; kUnsupported (a 415) for
// bytes that are neither PNG nor JPEG; kInvalidArgument (field "picture") for a PNG or JPEG that
// is broken, cut short or larger than kMaxPictureSide a side.
[[nodiscard]] Result<Picture> ReencodePicture(std::string_view bytes);

}  // namespace covalue::formats
