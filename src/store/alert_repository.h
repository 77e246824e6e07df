#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/alert.h"
#include "domain/error.h"
#include "domain/page.h"

namespace covalue::store {

// Which alerts a listing holds; absent parts match every alert. Newest first.
struct AlertQuery {
  std::optional<std::vector<Id>> sites;
  std::optional<Id> patient_id;
  std::optional<bool> open;  // true: open only; false: acknowledged only
};

// Clinical alerts (domain/alert.h) and the site settings they depend on.
class AlertRepository {
 public:
  virtual ~AlertRepository() = default;
  [[nodiscard]] virtual Result<Alert> Add(const Alert& alert) = 0;
  // kNotFound when absent. With the acknowledging professional's name.
  [[nodiscard]] virtual Result<Alert> Get(Id id) = 0;
  // Newest first: page.after is the id the previous page ended at (0: the newest).
  [[nodiscard]] virtual Result<Page<Alert>> List(const AlertQuery& query,
                                                 const PageRequest& page) = 0;
  // kConflict when it was acknowledged already; kNotFound when absent.
  [[nodiscard]] virtual Status Acknowledge(Id id, Id user_id, const std::string& note,
                                           std::int64_t now_ms) = 0;
  // The site's settings; the defaults (no crisis contacts of its own) when never set.
  [[nodiscard]] virtual Result<SiteSettings> Settings(Id site_id) = 0;
  [[nodiscard]] virtual Status SetSettings(const SiteSettings& settings, std::optional<Id> user_id,
                                           std::int64_t now_ms) = 0;
};

}  // namespace covalue::store
