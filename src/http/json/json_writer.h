#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace covalue::http {

// Writes JSON text straight into a buffer, for large answers built on every request (chart
// series of hundreds of points) where building a document tree first costs more than the
// chart. Members are written in the order they are given; numbers in their shortest form that
// reads back exactly; strings escaped as RFC 8259 requires. The caller nests correctly.
class JsonWriter {
 public:
  // bytes: the expected size, reserved up front (a large answer grows without copies).
  explicit JsonWriter(std::size_t bytes = 0) { out_.reserve(bytes); }
  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // A member's name; the next value is its value.
  JsonWriter& Key(std::string_view name);
  JsonWriter& String(std::string_view text);
  JsonWriter& Number(double value);  // not finite: null
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already written as JSON text (a small document made elsewhere).
  JsonWriter& Raw(std::string_view json_text);
  JsonWriter& Optional(const std::optional<double>& value) {
    return value ? Number(*value) : Null();
  }

  // The text written; the writer is left empty.
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void Separate();  // a comma before every value but a container's first and a member's

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace covalue::http
