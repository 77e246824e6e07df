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

TEST(Transfer, CompressesATaggedBodyOnceAndNeverServesAnotherBodysForm) {
  CompressedBodies compressed(1 << 20);
  Response first = WithETag(Chart());
  const std::string original = first.body;
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), first, &compressed);
  Response second = WithETag(Chart());
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), second, &compressed);
  EXPECT_EQ(HeaderOf(second, "Content-Encoding"), "gzip");
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(Gunzip(second.body), original);

  // A body under a tag that another body was kept with (a checksum collision, or a forged
  // tag) gets its own compression.
  std::string kept;
  ASSERT_TRUE(compressed.Compress("W/\"same\"", original, kept));
  std::string other_body = original;
  other_body[10] = 'z';
  std::string other;
  ASSERT_TRUE(compressed.Compress("W/\"same\"", other_body, other));
  EXPECT_EQ(Gunzip(other), other_body);
  EXPECT_EQ(Gunzip(kept), original);
}

// A chart's points as the API writes them: numbers of many digits, which level 1 leaves larger.
Response VariedChart() {
  Response response;
  response.content_type = "application/json";
  std::uint64_t state = 42;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    response.body += "{\"x\":\"2020-" + std::to_string(i % 12 + 1) + "\",\"y\":0." +
                     std::to_string(state >> 11) + ",\"sigma_signal\":false},";
  }
  return response;
}

TEST(Transfer, SpendsMoreOnABodyItKeepsThanOnOneMadePerAnswer) {
  CompressedBodies compressed(std::size_t{32} << 20);
  Response kept = WithETag(VariedChart());
  const std::string original = kept.body;
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), kept, &compressed);
  Response per_answer = WithETag(VariedChart());
  PrepareTransfer(Get({{"accept-encoding", "gzip"}}), per_answer);  // no store: made for it
  ASSERT_EQ(HeaderOf(kept, "Content-Encoding"), "gzip");
  ASSERT_EQ(HeaderOf(per_answer, "Content-Encoding"), "gzip");
  EXPECT_EQ(Gunzip(kept.body), original);
  EXPECT_EQ(Gunzip(per_answer.body), original);
  EXPECT_LT(kept.body.size(), per_answer.body.size());

  // Larger than a quarter of the store: compressed for its answer, not kept.
  CompressedBodies small(original.size() * 2);
  std::string out;
  ASSERT_TRUE(small.Compress("W/\"big\"", original, out));
  EXPECT_EQ(Gunzip(out), original);
  EXPECT_EQ(small.HeldBytes(), 0u);
}

TEST(Transfer, KeepsNoMoreCompressedBodiesThanItsCapacity) {
  const std::string body = Chart().body;  // ~14 KB
  CompressedBodies compressed(8 * body.size());
  std::string out;
  for (int i = 0; i < 50; ++i) {
    std::string variant = body;
    variant[0] = static_cast<char>('a' + i % 26);
    variant[1] = static_cast<char>('a' + i / 26);
    ASSERT_TRUE(compressed.Compress(std::to_string(i), variant, out));
    EXPECT_EQ(Gunzip(out), variant);
    EXPECT_LE(compressed.HeldBytes(), 8 * body.size());
  }
  EXPECT_GT(compressed.HeldBytes(), 2 * body.size()) << "the recent ones are kept";
  // Each answer is still right after evictions: the oldest is made again.
  std::string again;
  std::string first = body;
  first[0] = 'a';
  first[1] = 'a';
  ASSERT_TRUE(compressed.Compress("0", first, again));
  EXPECT_EQ(Gunzip(again), first);
}

}  // namespace
}  // namespace covalue::http
