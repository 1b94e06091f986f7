// ProgressReporter: progress of an import. On a terminal, one redrawn bar per
// file (rows, rows/s, ETA); otherwise nothing until a file ends, then one line.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "core/clock.h"

namespace echotune::ingest {

class ProgressReporter {
 public:
  // `out` and `clock` must outlive the reporter. `terminal` selects the bar.
  ProgressReporter(std::ostream& out, bool terminal, const core::Clock& clock);

  // Starts a file of `total_rows` rows (0 when unknown).
  void BeginFile(const std::string& name, int64_t total_rows);
  // Corrects the current file's expected row count (e.g. an estimate from bytes read).
  void SetTotal(int64_t total_rows) { total_ = total_rows; }
  // `rows_done` rows of the current file are done. Redraws at most 10 times a second.
  void Update(int64_t rows_done);
  // Ends the current file with `summary` (e.g. ImportSummary::OneLine()).
  void EndFile(const std::string& summary);

  // The bar for the given state, without the leading '\r' (exposed for tests).
  static std::string Bar(int64_t done, int64_t total, double rows_per_s, const std::string& name);

 private:
  double Seconds() const;
  void Draw(int64_t rows_done);

  std::ostream& out_;
  const bool terminal_;
  const core::Clock& clock_;
  std::string name_;
  int64_t total_ = 0;
  int64_t done_ = 0;
  core::TimePoint started_{};
  core::TimePoint last_draw_{};
};

}  // namespace echotune::ingest
