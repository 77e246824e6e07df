// Registry::ExportToRedcap: a site's responses to a REDCap questionnaire, back to REDCap.

#include <map>
#include <set>

#include <fmt/format.h>

#include "app/registry/registry.h"
#include "formats/redcap_export.h"
#include "store/registry_repository.h"

namespace covalue::app {

Result<std::string> Registry::ExportToRedcap(const RequestContext& ctx, Id site_id,
                                             const std::string& questionnaire_id) {
  COVALUE_ASSIGN_OR_RETURN(Principal principal, gate_.Require(ctx));
  COVALUE_ASSIGN_OR_RETURN(
      Decision decision,
      gate_.Permit(ctx, principal, Action::kPatientList, {site_id, std::nullopt, std::nullopt, {}},
                   {"QuestionnaireResponse", questionnaire_id, std::nullopt}));
  if (questionnaires_.Format() == nullptr) {
    return Fail(ErrorCode::kUnsupported, "this program was built without a questionnaire format");
  }
  COVALUE_ASSIGN_OR_RETURN(QuestionnaireVersion version,
                           questionnaires_.GetQuestionnaire(ctx, questionnaire_id));
  if (version.source != "redcap") {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}' was not imported from a REDCap data dictionary", questionnaire_id),
        "questionnaire_id");
  }
  COVALUE_ASSIGN_OR_RETURN(std::shared_ptr<const Questionnaire> model,
                           questionnaires_.ModelOf(version));
  std::vector<formats::RecordResponse> records;
  std::vector<std::pair<Id, Id>> read;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& r) -> Status {
    store::RecordQuery query;
    query.sites = std::vector<Id>{site_id};
    query.code = questionnaire_id;
    // The site's identifiers in one read.
    std::map<Id, std::string> identifiers;
    COVALUE_ASSIGN_OR_RETURN(auto keys, r.Registry().PatientKeys(site_id));
    for (const store::PatientKey& key : keys) {
      identifiers.emplace(key.id, key.identifier);
    }
    std::set<Id> persons;
    for (PageRequest page{0, 500};;) {
      COVALUE_ASSIGN_OR_RETURN(auto listed, r.Registry().ListResponses(query, page));
      for (const StoredResponse& stored : listed.items) {
        if (persons.insert(stored.patient_id).second) {
          read.emplace_back(site_id, stored.patient_id);
        }
        COVALUE_ASSIGN_OR_RETURN(QuestionnaireResponse response,
                                 questionnaires_.Format()->ReadResponse(stored.resource));
        response.status = stored.status;
        records.push_back({identifiers[stored.patient_id], std::move(response)});
      }
      if (!listed.next) {
        return Ok();
      }
      page.after = *listed.next;
    }
  }));
  COVALUE_RETURN_IF_ERROR(
      gate_.RecordBulkRead(ctx, decision, Action::kPatientList, "QuestionnaireResponse", read));
  return formats::WriteRedcapImport(*model, records);
}

}  // namespace covalue::app
