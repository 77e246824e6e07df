#include "store/sql/connection.h"

namespace covalue::store::sql {

Statement::Statement(Statement&& other) noexcept
    : cursor_(other.cursor_), next_index_(other.next_index_) {
  other.cursor_ = nullptr;
}

Statement::~Statement() {
  if (cursor_ != nullptr) {
    cursor_->Reset();
  }
}

Statement& Statement::Bind(std::int64_t value) {
  cursor_->BindInt(next_index_++, value);
  return *this;
}

Statement& Statement::Bind(std::string_view value) {
  cursor_->BindText(next_index_++, value);
  return *this;
}

Statement& Statement::Bind(std::optional<std::int64_t> value) {
  if (value) {
    return Bind(*value);
  }
  cursor_->BindNull(next_index_++);
  return *this;
}

Statement& Statement::BindReal(double value) {
  cursor_->BindReal(next_index_++, value);
  return *this;
}

Statement& Statement::BindReal(std::optional<double> value) {
  if (value) {
    return BindReal(*value);
  }
  cursor_->BindNull(next_index_++);
  return *this;
}

Status Statement::Run() {
  auto stepped = Step();
  while (stepped && *stepped) {
    stepped = Step();
  }
  if (!stepped) {
    return Fail(stepped.error());
  }
  return Ok();
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

std::optional<double> Statement::OptionalReal(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Real(column);
}

}  // namespace covalue::store::sql
