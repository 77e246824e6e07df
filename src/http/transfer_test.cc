#include "http/transfer.h"

#include <zlib.h>

#include <gtest/gtest.h>

namespace covalue::http {
namespace {

std::string Gunzip(const std::string& in) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string HeaderOf(const Response& response, const std::string& name) {
  const std::string* value = response.FindHeader(name);
  return value == nullptr ? "" : *value;
}

Request Get(std::map<std::string, std::string> headers) {
  Request request;
  request.method = "GET";
  request.path = "/api/v1/measures/x/chart";
  request.headers = std::move(headers);
  return request;
}

Response Chart() {
  Response response;
  response.content_type = "application/json";
  for (int i = 0; i < 400; ++i) {
    response.body += R"({"y": 0.25, "signals": ["above"]},)";
  }
  return response;
}

TEST(Transfer, CompressesWhatTheClientAcceptsAndNothingElse) {
  Response gzipped = Chart();
  const std::string original = gzipped.body;
  PrepareTransfer(Get({{"accept-encoding", "br, gzip;q=0.8"}}), gzipped);
  EXPECT_EQ(HeaderOf(gzipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gzipped, "Vary"), "Accept-Encoding");
  EXPECT_LT(gzipped.body.size(), original.size() / 10);
  EXPECT_EQ(Gunzip(gzipped.body), original);

  for (const char* refused : {"", "identity", "gzip;q=0", "deflate"}) {
    Response plain = Chart();
    PrepareTransfer(Get({{"accept-encoding", refused}}), plain);
    EXPECT_EQ(plain.body, original) << refused;
    EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "") << refused;
    EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding") << "a cache keeps both";
  }
  Response small;
  small.body = R"({"ok": true})";
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), small);
  EXPECT_EQ(small.body, R"({"ok": true})") << "under 1 KiB it travels as it is";
  Response image = Chart();
  image.content_type = "image/png";
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), image);
  EXPECT_EQ(HeaderOf(image, "Content-Encoding"), "") << "PNG is compressed already";
}

TEST(Transfer, AnswersAConditionalGetWith304WhileTheBodyIsTheSame) {
  const Response tagged = WithETag(Chart());
  const std::string tag = HeaderOf(tagged, "ETag");
  EXPECT_TRUE(tag.starts_with("W/\""));
  EXPECT_EQ(HeaderOf(tagged, "Cache-Control"), "private, no-cache");
  Response again = WithETag(Chart());
  PrepareTransfer(Get({{"if-none-match", tag}, {"accept-encoding", "gzip"}}), again);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  Response listed = WithETag(Chart());
  PrepareTransfer(Get({{"if-none-match", "\"other\", " + tag.substr(2)}}), listed);
  EXPECT_EQ(listed.status, 304) << "weak comparison, one of a list";
  Response changed = Chart();
  changed.body += " ";
  changed = WithETag(changed);
  EXPECT_NE(HeaderOf(changed, "ETag"), tag);
  PrepareTransfer(Get({{"if-none-match", tag}}), changed);
  EXPECT_EQ(changed.status, 200);
}

}  // namespace
}  // namespace covalue::http
