#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "domain/error.h"

// What every fuzz target asks of a reader beyond not crashing: it refuses bad input with an
// error that says something (the message a person reads names the line, column or field).
namespace covalue::fuzz {

inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Aborts (a finding) when result is an error without a message.
template <typename R>
void RequireMessage(const R& result, const char* reader) {
  if (!result && result.error().message.empty()) {
    std::fprintf(stderr, "%s refused its input without a message\n", reader);
    std::abort();
  }
}

}  // namespace covalue::fuzz
