#include "fhir/questionnaire_response.h"

#include <algorithm>
#include <charconv>
#include <ctime>

#include <fmt/format.h>

#include "fhir/questionnaire.h"

namespace covalue::fhir {
namespace {

using nlohmann::json;

// An instant as FHIR dateTime in UTC ("2026-11-22T21:40:54Z").
std::string DateTime(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

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

// The response items of guide items: answered questions, and groups that hold any.
json ItemsOf(const std::vector<GuideItem>& items, const std::map<std::string, std::string>& texts) {
  json out = json::array();
  for (const GuideItem& item : items) {
    json node = {{"linkId", item.link_id}, {"text", item.text.In("en")}};
    if (item.type == GuideItemType::kGroup) {
      json children = ItemsOf(item.items, texts);
      if (!children.empty()) {
        node["item"] = children;
        out.push_back(node);
      }
      continue;
    }
    auto text = texts.find(item.link_id);
    if (text == texts.end() || text->second.empty()) {
      continue;
    }
    if (auto answer = AnswerOf(item, text->second)) {
      node["answer"] = json::array({*answer});
      out.push_back(node);
    }
  }
  return out;
}

}  // namespace

json QuestionnaireResponseOf(const Guide& guide, const app::WorkbookView& view) {
  std::map<std::string, std::string> texts;
  std::int64_t authored = view.workbook.created_ms;
  for (const app::WorkbookAnswer& answer : view.answers) {
    if (answer.latest) {
      texts[answer.link_id] = answer.latest->text;
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
      {"authored", DateTime(authored)},
      {"item", ItemsOf(guide.items, texts)},
  };
}

}  // namespace covalue::fhir
