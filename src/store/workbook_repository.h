#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/page.h"
#include "domain/workbook.h"

namespace covalue::store {

// Workbooks with their answer revisions, step statuses and comments.
class WorkbookRepository {
 public:
  virtual ~WorkbookRepository() = default;
  [[nodiscard]] virtual Result<Workbook> Create(const Workbook& workbook) = 0;
  // kNotFound when absent.
  [[nodiscard]] virtual Result<Workbook> Get(Id id) = 0;
  // The team's workbooks in id order; all guides, or one.
  [[nodiscard]] virtual Result<Page<Workbook>> ListOfTeam(Id team_id, const PageRequest& page) = 0;
  // The team's newest workbook of a guide, if any.
  [[nodiscard]] virtual Result<std::optional<Workbook>> LatestOfTeam(
      Id team_id, const std::string& guide_id) = 0;
  [[nodiscard]] virtual Status SetPosition(Id id, const std::string& link_id) = 0;
  [[nodiscard]] virtual Status SetShared(Id id, bool shared) = 0;
  // Sets the workbook's name and when it was archived (nullopt: not archived).
  [[nodiscard]] virtual Status SetLabel(Id id, const std::string& name,
                                        std::optional<std::int64_t> archived_ms) = 0;

  // Appends a revision numbered one after the answer's latest; fills number.
  [[nodiscard]] virtual Result<AnswerRevision> AddRevision(AnswerRevision revision) = 0;
  // The answer's latest revision, if it has any.
  [[nodiscard]] virtual Result<std::optional<AnswerRevision>> LatestRevision(
      Id workbook_id, const std::string& link_id) = 0;
  // The latest revision of every answer of the workbook.
  [[nodiscard]] virtual Result<std::vector<AnswerRevision>> LatestRevisions(Id workbook_id) = 0;
  // How many revisions each answer has, by link id.
  [[nodiscard]] virtual Result<std::map<std::string, std::int64_t>> RevisionCounts(
      Id workbook_id) = 0;
  // One revision; kNotFound when absent.
  [[nodiscard]] virtual Result<AnswerRevision> Revision(Id workbook_id, const std::string& link_id,
                                                        std::int64_t number) = 0;
  // The answer's revisions oldest first, after page.after (a revision number).
  [[nodiscard]] virtual Result<Page<AnswerRevision>> Revisions(Id workbook_id,
                                                               const std::string& link_id,
                                                               const PageRequest& page) = 0;

  [[nodiscard]] virtual Status SetStepStatus(Id workbook_id, const std::string& link_id,
                                             StepStatus status, Id user_id,
                                             std::int64_t now_ms) = 0;
  [[nodiscard]] virtual Result<std::vector<StepState>> StepStatuses(Id workbook_id) = 0;

  [[nodiscard]] virtual Result<AnswerComment> AddComment(Id workbook_id, Id site_id,
                                                         AnswerComment comment) = 0;
  [[nodiscard]] virtual Result<std::vector<AnswerComment>> Comments(Id workbook_id,
                                                                    const std::string& link_id) = 0;
};

}  // namespace covalue::store
