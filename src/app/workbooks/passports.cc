#include <algorithm>
#include <functional>

#include "app/workbooks/workbooks.h"
#include "domain/dates.h"
#include "store/workbook_repository.h"

namespace covalue::app {
namespace {

constexpr std::string_view kPassportGuide = "improvement-passport";

}  // namespace

Result<std::vector<PassportSummary>> Workbooks::Passports(Id team_id) {
  // The passport's ratings, by link id (none in an App without the guides).
  std::map<std::string, ValueDomain> rated;
  if (auto guide = GuideById(std::string(kPassportGuide), "guide_id")) {
    std::function<void(const std::vector<GuideItem>&)> walk = [&](const auto& items) {
      for (const GuideItem& item : items) {
        if (item.value_domain) {
          rated.emplace(item.link_id, *item.value_domain);
        }
        walk(item.items);
      }
    };
    walk(guide->items);
  }
  std::vector<PassportSummary> passports;
  COVALUE_RETURN_IF_ERROR(store_.Read([&](store::Repositories& repos) -> Status {
    PageRequest page;
    page.limit = PageRequest::kMaxLimit;
    for (;;) {
      COVALUE_ASSIGN_OR_RETURN(Page<Workbook> workbooks,
                               repos.Workbooks().ListOfTeam(team_id, page));
      for (const Workbook& w : workbooks.items) {
        if (w.guide_id != kPassportGuide) {
          continue;
        }
        COVALUE_ASSIGN_OR_RETURN(auto answers, repos.Workbooks().LatestRevisions(w.id));
        PassportSummary& passport = passports.emplace_back();
        passport.workbook_id = w.id;
        for (const AnswerRevision& a : answers) {
          if (a.link_id == "cycle.change") {
            passport.change = a.text;
          } else if (a.link_id == "cycle.change-date") {
            passport.date = a.text;
          } else if (const auto domain = rated.find(a.link_id);
                     domain != rated.end() && a.text.size() == 1 && a.text[0] >= '1' &&
                     a.text[0] <= '5') {
            passport.ratings[domain->second] = a.text[0] - '0';
          }
        }
      }
      if (!workbooks.next) {
        return Ok();
      }
      page.after = *workbooks.next;
    }
  }));
  std::sort(passports.begin(), passports.end(),
            [](const PassportSummary& a, const PassportSummary& b) {
              return a.workbook_id < b.workbook_id;
            });
  return passports;
}

Result<std::vector<TestedChange>> Workbooks::TestedChanges(Id team_id) {
  COVALUE_ASSIGN_OR_RETURN(std::vector<PassportSummary> passports, Passports(team_id));
  std::vector<TestedChange> changes;
  for (PassportSummary& p : passports) {
    if (ParseDateMs(p.date)) {
      changes.push_back({p.workbook_id, std::move(p.date), std::move(p.change), 0});
    }
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const TestedChange& a, const TestedChange& b) { return a.date < b.date; });
  return changes;
}

}  // namespace covalue::app
