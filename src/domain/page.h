#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "domain/community.h"

namespace covalue {

// Keyset paging: items come in ascending id order, after the cursor.
struct PageRequest {
  static constexpr int kDefaultLimit = 50;
  static constexpr int kMaxLimit = 500;

  Id after = 0;               // Default: 0, the first page
  int limit = kDefaultLimit;  // Default: 50; 1..500
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<Id> next;  // the cursor of the next page; absent on the last page
};

// Builds a page from up to limit + 1 rows fetched in id order; the extra row proves a next page.
template <typename T, typename IdOf>
Page<T> MakePage(std::vector<T> rows, int limit, IdOf id_of) {
  Page<T> page;
  if (rows.size() > static_cast<std::size_t>(limit)) {
    rows.resize(static_cast<std::size_t>(limit));
    page.next = id_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace covalue
