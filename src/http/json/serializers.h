#pragma once

#include <nlohmann/json.hpp>

#include "domain/alert.h"
#include "domain/audit_record.h"
#include "domain/community.h"
#include "domain/guide.h"
#include "domain/page.h"

// JSON of the API's resources (STYLE.md §9): domain types never see JSON. Writing only;
// requests are read field by field with ObjectReader, which names the field at fault.
namespace nlohmann {

template <>
struct adl_serializer<covalue::Site> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Site& s);
};
template <>
struct adl_serializer<covalue::Population> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Population& p);
};
template <>
struct adl_serializer<covalue::Team> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Team& t);
};
template <>
struct adl_serializer<covalue::TeamMember> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::TeamMember& m);
};
template <>
struct adl_serializer<covalue::Membership> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Membership& m);
};
template <>
struct adl_serializer<covalue::User> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::User& u);
};
template <>
struct adl_serializer<covalue::LocalizedText> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::LocalizedText& t);
};
template <>
struct adl_serializer<covalue::GuideItem> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::GuideItem& i);
};
template <>
struct adl_serializer<covalue::Guide> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Guide& g);
};
template <>
struct adl_serializer<covalue::AuditRecord> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::AuditRecord& r);
};
template <>
struct adl_serializer<covalue::ApiToken> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::ApiToken& t);
};
// {id, patient_id, patient_identifier, rule, severity, message, created_ms, status
// ("active" while open, "inactive" once acknowledged: its Flag's status), response_id,
// questionnaire_id, acknowledged_ms, acknowledged_by, note}.
template <>
struct adl_serializer<covalue::Alert> {
  static void to_json(  // NOLINT(readability-identifier-naming): nlohmann's name
      json& j, const covalue::Alert& a);
};

}  // namespace nlohmann

namespace covalue::http {

// The list envelope of every list route: {"items": [...], "next": cursor-or-null}, each item
// written by to_item (Default: its to_json mapping).
template <typename T, typename ToItem>
nlohmann::json PageJson(const Page<T>& page, ToItem to_item) {
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page.items) {
    items.push_back(to_item(item));
  }
  nlohmann::json out = {{"items", std::move(items)}, {"next", nullptr}};
  if (page.next) {
    out["next"] = std::to_string(*page.next);
  }
  return out;
}

template <typename T>
nlohmann::json PageJson(const Page<T>& page) {
  return PageJson(page, [](const T& item) { return nlohmann::json(item); });
}

}  // namespace covalue::http
