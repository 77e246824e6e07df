#pragma once

#include <optional>
#include <vector>

#include "domain/questionnaire.h"

namespace covalue {

// The published scoring rules of the instruments covalue knows, so that a questionnaire from
// anywhere scores as its authors meant: PHQ-9 (Kroenke, Spitzer & Williams 2001), GAD-7
// (Spitzer et al. 2006) and PHQ-4 with its PHQ-2 and GAD-2 subscales (Kroenke et al. 2009).
// An instrument is recognised by the questionnaire's LOINC panel code; its items by their
// LOINC codes, or by link ids equal to those codes (with or without a leading '/').
//
// Returns the rule mapped onto the questionnaire's link ids, or nullopt for an instrument it
// does not know. When some of the instrument's items are missing, the rule scores those
// present, drops the severity bands (they hold for the whole instrument only) and says so in
// issues.
std::optional<ScoringRule> PublishedRule(const Questionnaire& questionnaire,
                                         std::vector<Issue>& issues);

// The clinical alert rules covalue ships for an instrument it recognises, mapped onto the
// questionnaire's link ids: PHQ-9's item 9 answered above "not at all" (thoughts of being better
// off dead or of self-harm; Kroenke et al. 2001 ask for an immediate assessment of suicide risk)
// and a total of 20 or more (severe). An item rule needs its item; a total rule the whole
// instrument. Empty for any other questionnaire.
std::vector<AlertRule> PublishedAlerts(const Questionnaire& questionnaire);

}  // namespace covalue
