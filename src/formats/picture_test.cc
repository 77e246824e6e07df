// Pictures written again: the pixels of a PNG or a JPEG kept, everything else of the upload gone
// (text chunks, EXIF, trailing bytes), large ones scaled down, and anything else refused.

#include "formats/picture.h"

#include <cstring>
#include <jpeglib.h>
#include <png.h>
#include <vector>
#include <zlib.h>

#include <gtest/gtest.h>

namespace covalue::formats {
namespace {

std::string Png(int width, int height, const std::vector<unsigned char>& rgba) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  EXPECT_NE(png_image_write_to_memory(&image, nullptr, &size, 0, rgba.data(), 0, nullptr), 0);
  std::string out(size, '\0');
  EXPECT_NE(png_image_write_to_memory(&image, out.data(), &size, 0, rgba.data(), 0, nullptr), 0);
  out.resize(size);
  return out;
}

struct Decoded {
  int width = 0, height = 0;
  std::vector<unsigned char> rgba;
};

Decoded ReadPng(const std::string& png) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  EXPECT_NE(png_image_begin_read_from_memory(&image, png.data(), png.size()), 0);
  image.format = PNG_FORMAT_RGBA;
  Decoded d{static_cast<int>(image.width), static_cast<int>(image.height),
            std::vector<unsigned char>(PNG_IMAGE_SIZE(image))};
  EXPECT_NE(png_image_finish_read(&image, nullptr, d.rgba.data(), 0, nullptr), 0);
  return d;
}

// A PNG chunk with its length and CRC, as the format writes them.
std::string Chunk(const std::string& type, const std::string& data) {
  std::string out;
  const auto n = static_cast<std::uint32_t>(data.size());
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((n >> shift) & 0xFF);
  out += type + data;
  const std::string crc_of = type + data;
  const auto crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(crc_of.data()), static_cast<uInt>(crc_of.size())));
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((crc >> shift) & 0xFF);
  return out;
}

std::string Jpeg(int width, int height, const std::string& exif) {
  jpeg_compress_struct info;
  jpeg_error_mgr errors;
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_start_compress(&info, TRUE);
  if (!exif.empty()) {
    jpeg_write_marker(&info, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(exif.data()),
                      static_cast<unsigned>(exif.size()));
  }
  std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
  while (info.next_scanline < info.image_height) {
    for (int x = 0; x < width; ++x) {  // a red-to-blue ramp
      row[static_cast<std::size_t>(x) * 3] = static_cast<unsigned char>(255 - x * 255 / width);
      row[static_cast<std::size_t>(x) * 3 + 1] = 40;
      row[static_cast<std::size_t>(x) * 3 + 2] = static_cast<unsigned char>(x * 255 / width);
    }
    JSAMPROW rows[] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string out(reinterpret_cast<char*>(buffer), size);
  std::free(buffer);
  return out;
}

TEST(Picture, APngKeepsItsPixelsAndLosesItsTextAndTrailingBytes) {
  const std::vector<unsigned char> rgba = {255, 0, 0, 255, 0,   255, 0,   255, 0, 0, 255, 128,
                                           1,   2, 3, 255, 250, 251, 252, 0,   9, 8, 7,   255};
  std::string png = Png(3, 2, rgba);
  // A text chunk before IEND (the last 12 bytes), and bytes after the file's end.
  png.insert(png.size() - 12, Chunk("tEXt", std::string("Comment\0Home: 59.33N 18.06E", 27)));
  png += "secret trailing bytes";
  ASSERT_NE(png.find("59.33N"), std::string::npos);
  auto kept = ReencodePicture(png);
  ASSERT_TRUE(kept.has_value()) << kept.error().message;
  EXPECT_EQ(kept->png.find("59.33N"), std::string::npos);
  EXPECT_EQ(kept->png.find("tEXt"), std::string::npos);
  EXPECT_EQ(kept->png.find("secret"), std::string::npos);
  EXPECT_EQ(kept->width, 3);
  EXPECT_EQ(kept->height, 2);
  const Decoded d = ReadPng(kept->png);
  ASSERT_EQ(d.rgba.size(), rgba.size());
  // Opaque pixels exactly; a fully transparent one keeps only its transparency.
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    EXPECT_EQ(d.rgba[i + 3], rgba[i + 3]) << i;
    if (rgba[i + 3] == 255) {
      EXPECT_EQ(d.rgba[i], rgba[i]) << i;
      EXPECT_EQ(d.rgba[i + 1], rgba[i + 1]) << i;
      EXPECT_EQ(d.rgba[i + 2], rgba[i + 2]) << i;
    }
  }
}

TEST(Picture, AJpegBecomesAPngWithoutItsExifAndALargeOneIsScaledDown) {
  const std::string jpeg = Jpeg(64, 48, std::string("Exif\0\0GPS 59.33N secret", 23));
  ASSERT_NE(jpeg.find("59.33N"), std::string::npos);
  auto kept = ReencodePicture(jpeg);
  ASSERT_TRUE(kept.has_value()) << kept.error().message;
  EXPECT_EQ(kept->png.rfind("\x89PNG", 0), 0U);
  EXPECT_EQ(kept->png.find("Exif"), std::string::npos);
  EXPECT_EQ(kept->png.find("59.33N"), std::string::npos);
  const Decoded small = ReadPng(kept->png);
  EXPECT_EQ(small.width, 64);
  EXPECT_EQ(small.height, 48);
  // The ramp survives: red at the left, blue at the right (JPEG is lossy: roughly).
  EXPECT_GT(small.rgba[0], 200);
  EXPECT_LT(small.rgba[2], 60);
  const std::size_t last = (static_cast<std::size_t>(small.width) - 1) * 4;
  EXPECT_LT(small.rgba[last], 60);
  EXPECT_GT(small.rgba[last + 2], 200);

  auto large = ReencodePicture(Jpeg(3000, 1500, ""));
  ASSERT_TRUE(large.has_value()) << large.error().message;
  EXPECT_EQ(large->width, kKeptPictureSide);
  EXPECT_EQ(large->height, kKeptPictureSide / 2);
  const Decoded scaled = ReadPng(large->png);
  EXPECT_EQ(scaled.width, kKeptPictureSide);
  EXPECT_EQ(scaled.rgba[3], 255);
}

TEST(Picture, RefusesWhatIsNoWholePictureWithinTheLimits) {
  auto gif = ReencodePicture("GIF89a\x01\x00\x01\x00");
  ASSERT_FALSE(gif.has_value());
  EXPECT_EQ(gif.error().code, ErrorCode::kUnsupported);
  EXPECT_FALSE(ReencodePicture("").has_value());

  const std::string png = Png(2, 2, std::vector<unsigned char>(16, 200));
  auto cut = ReencodePicture(png.substr(0, png.size() / 2));
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(cut.error().field, "picture");
  const std::string jpeg = Jpeg(32, 32, "");
  auto cut_jpeg = ReencodePicture(jpeg.substr(0, 40));
  ASSERT_FALSE(cut_jpeg.has_value());
  EXPECT_EQ(cut_jpeg.error().field, "picture");

  // Too wide, refused from its header before anything is decoded.
  auto wide = ReencodePicture(
      Png(kMaxPictureSide + 1, 1, std::vector<unsigned char>((kMaxPictureSide + 1) * 4, 9)));
  ASSERT_FALSE(wide.has_value());
  EXPECT_EQ(wide.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(wide.error().message.find("at most"), std::string::npos);

  std::string huge = png + std::string(kMaxPictureBytes, 'x');
  auto big = ReencodePicture(huge);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(big.error().field, "body");
}

}  // namespace
}  // namespace covalue::formats
