#include "ingest/import_summary.h"

namespace echotune::ingest {

void ImportSummary::Add(const ImportSummary& other) {
  rows += other.rows;
  imported += other.imported;
  updated += other.updated;
  unchanged += other.unchanged;
  for (const auto& [reason, n] : other.skipped) skipped[reason] += n;
  errors.insert(errors.end(), other.errors.begin(), other.errors.end());
  warnings.insert(warnings.end(), other.warnings.begin(), other.warnings.end());
}

int64_t ImportSummary::SkippedTotal() const {
  int64_t total = 0;
  for (const auto& entry : skipped) total += entry.second;
  return total;
}

std::string ImportSummary::OneLine() const {
  std::string line = "imported " + WithThousands(imported) + ", updated " + WithThousands(updated) +
                     ", unchanged " + WithThousands(unchanged) + ", skipped " + WithThousands(SkippedTotal());
  if (!skipped.empty()) {
    line += " (";
    bool first = true;
    for (const auto& [reason, n] : skipped) {
      line += (first ? "" : ", ") + reason + " " + WithThousands(n);
      first = false;
    }
    line += ")";
  }
  return line + ", errors " + std::to_string(errors.size());
}

std::string ImportSummary::Report() const {
  std::string out = "rows read:  " + WithThousands(rows) + "\n";
  out += "imported:   " + WithThousands(imported) + "\n";
  out += "updated:    " + WithThousands(updated) + "\n";
  out += "unchanged:  " + WithThousands(unchanged) + "\n";
  out += "skipped:    " + WithThousands(SkippedTotal()) + "\n";
  for (const auto& [reason, n] : skipped) out += "  " + reason + ": " + WithThousands(n) + "\n";
  out += "errors:     " + std::to_string(errors.size()) + "\n";
  for (const auto& e : errors) out += "  " + e + "\n";
  return out;
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace echotune::ingest
