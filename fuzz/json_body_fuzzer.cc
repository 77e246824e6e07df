// JSON request bodies: the parser every JSON route uses (depth limit, objects only) and the
// strict member reader over what it parsed.
#include <string>

#include "fuzz/check.h"
#include "http/json/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using covalue::fuzz::RequireMessage;
  auto body = covalue::http::ParseJsonObject(covalue::fuzz::Text(data, size));
  RequireMessage(body, "ParseJsonObject");
  if (!body) {
    return 0;
  }
  // Each member read as every type a route may ask for, so every mismatch path runs.
  for (const auto& [name, value] : body->items()) {
    (void)value;
    covalue::http::ObjectReader reader(*body, "/body");
    RequireMessage(reader.RequiredString(name), "RequiredString");
    RequireMessage(reader.OptionalInt(name), "OptionalInt");
    RequireMessage(reader.OptionalNumber(name), "OptionalNumber");
    RequireMessage(reader.OptionalBool(name), "OptionalBool");
    RequireMessage(reader.OptionalArray(name), "OptionalArray");
    RequireMessage(reader.RequiredObject(name), "RequiredObject");
    RequireMessage(reader.OptionalTranslations(name), "OptionalTranslations");
    (void)reader.Pointer(name);
  }
  covalue::http::ObjectReader unread(*body);
  RequireMessage(unread.Finish(), "Finish");
  return 0;
}
