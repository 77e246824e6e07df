#include "fhir/questionnaire_file.h"

#include "fhir/prom_reader.h"
#include "formats/instrument_zip.h"
#include "formats/redcap_dictionary.h"

namespace covalue::fhir {
namespace {

std::vector<app::QuestionnaireImport> FromRedcap(std::vector<ImportedQuestionnaire> forms) {
  std::vector<app::QuestionnaireImport> out;
  out.reserve(forms.size());
  for (ImportedQuestionnaire& form : forms) {
    out.push_back({std::move(form), "", "redcap"});
  }
  return out;
}

}  // namespace

Result<std::vector<app::QuestionnaireImport>> ReadQuestionnaireFile(std::string_view bytes) {
  if (formats::LooksLikeZip(bytes)) {
    COVALUE_ASSIGN_OR_RETURN(auto forms, formats::ReadInstrumentZip(bytes));
    return FromRedcap(std::move(forms));
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    COVALUE_ASSIGN_OR_RETURN(nlohmann::json resource, ParseResource(text));
    COVALUE_ASSIGN_OR_RETURN(ImportedQuestionnaire read, ReadQuestionnaire(resource));
    std::vector<app::QuestionnaireImport> out;
    out.push_back({std::move(read), std::string(text), "fhir"});
    return out;
  }
  COVALUE_ASSIGN_OR_RETURN(auto forms, formats::ReadRedcapDictionary(bytes));
  return FromRedcap(std::move(forms));
}

}  // namespace covalue::fhir
