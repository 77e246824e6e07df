// REDCap branching logic ("[smoker] = '1' and [age] > 17") and the enableWhen made of it.
#include <string>

#include "formats/redcap_branching.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace redcap = covalue::formats::redcap;
  const auto logic = redcap::ParseBranching(covalue::fuzz::Text(data, size));
  if (!logic) {
    return 0;
  }
  // Each comparison against a target of each kind of item it may name.
  for (const auto type : {covalue::ItemType::kChoice, covalue::ItemType::kInteger,
                          covalue::ItemType::kDecimal, covalue::ItemType::kBoolean,
                          covalue::ItemType::kString}) {
    covalue::QuestionnaireItem target;
    target.link_id = "target";
    target.type = type;
    for (const auto& comparison : logic->comparisons) {
      (void)redcap::ConditionOf(comparison, target);
    }
  }
  std::string bad;
  (void)redcap::SplitChoices(covalue::fuzz::Text(data, size), bad);
  (void)redcap::StripTags(covalue::fuzz::Text(data, size));
  (void)redcap::HeadingLanguage(covalue::fuzz::Text(data, size));
  return 0;
}
