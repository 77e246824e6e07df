#include "fhir/questionnaire_response.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "fhir/fhir_json.h"
#include "fhir/questionnaire.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

std::optional<json> AnswerOf(const GuideItem& item, const std::string& text) {
  switch (item.type) {
    case GuideItemType::kRating: {
      int value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
      }
      return json{{"valueInteger", value}};
    }
    case GuideItemType::kChoice:
      for (const GuideOption& option : item.options) {
        if (option.code == text) {
          return json{{"valueCoding",
                       {{"system", "urn:covalue:fhir:codesystem:" + item.link_id},
                        {"code", option.code},
                        {"display", option.text.In("en")}}}};
        }
      }
      return std::nullopt;
    case GuideItemType::kDate:
      return json{{"valueDate", text}};
    default:
      return json{{"valueString", text}};
  }
}

// The response items of guide items: answered questions, and groups that hold any; a
// repeating group once per instance (FHIR repeats the group's item, same linkId).
json ItemsOf(const std::vector<GuideItem>& items, const app::WorkbookView& view, int instance) {
  json out = json::array();
  for (const GuideItem& item : items) {
    if (item.type == GuideItemType::kGroup) {
      const int n = view.Instances(item);
      for (int i = 1; i <= n; ++i) {
        json children = ItemsOf(item.items, view, item.repeats ? i : instance);
        if (!children.empty()) {
          out.push_back({{"linkId", item.link_id},
                         {"text", item.text.In("en")},
                         {"item", std::move(children)}});
        }
      }
      continue;
    }
    const app::WorkbookAnswer* answer = view.Answer(AnswerKey{item.link_id, instance}.ToString());
    if (answer == nullptr || !answer->latest || answer->latest->text.empty()) {
      continue;
    }
    if (auto value = AnswerOf(item, answer->latest->text)) {
      out.push_back({{"linkId", item.link_id},
                     {"text", item.text.In("en")},
                     {"answer", json::array({*value})}});
    }
  }
  return out;
}

}  // namespace

json QuestionnaireResponseOf(const Guide& guide, const app::WorkbookView& view) {
  std::int64_t authored = view.workbook.created_ms;
  for (const app::WorkbookAnswer& answer : view.answers) {
    if (answer.latest) {
      authored = std::max(authored, answer.latest->created_ms);
    }
  }
  const bool done = !view.steps.empty() &&
                    std::all_of(view.steps.begin(), view.steps.end(),
                                [](const StepState& s) { return s.status == StepStatus::kDone; });
  return {
      {"resourceType", "QuestionnaireResponse"},
      {"id", fmt::format("workbook-{}", view.workbook.id)},
      {"questionnaire", CanonicalOf(guide) + "|" + view.workbook.guide_version},
      {"status", done ? "completed" : "in-progress"},
      {"subject",
       {{"identifier",
         {{"system", "urn:covalue:fhir:team"}, {"value", std::to_string(view.workbook.team_id)}}},
        {"display", fmt::format("Team {}", view.workbook.team_id)}}},
      {"authored", Instant(authored)},
      {"item", ItemsOf(guide.items, view, 1)},
  };
}

}  // namespace covalue::fhir
