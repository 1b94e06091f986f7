// Top-k ranking metrics of the offline evaluation (binary relevance).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs::eval {

// DCG of hits at 1-based rank r is 1/log2(r+1); IDCG uses min(k, |relevant|) hits.
// REQUIRES: relevant sorted ascending. Returns 0 when relevant is empty.
double NdcgAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k);
// hits in the first k / k.
double PrecisionAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k);
// hits in the first k / |relevant|.
double RecallAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k);

// Intra-list diversity: 1 − mean over pairs of the cosine similarity of the two
// items' rows in `item_vectors` (here: their training listeners). Lists of
// fewer than two items score 0.
double IntraListDiversity(std::span<const std::uint32_t> ranked, const CsrMatrix& item_vectors);

struct MetricsSummary {
  double ndcg = 0, precision = 0, recall = 0, coverage = 0, diversity = 0, ms_per_user = 0;
};

// Sums per-user metrics; users with no held-out items are skipped.
class MetricsAccumulator {
 public:
  MetricsAccumulator(std::uint32_t item_count, std::size_t k) : k_(k), recommended_(item_count, 0) {}
  void Add(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant,
           const CsrMatrix& item_vectors);
  // Means over users; coverage = distinct recommended items / item_count.
  MetricsSummary Finish(double total_ms) const;

 private:
  std::size_t k_;
  std::vector<std::uint8_t> recommended_;
  std::size_t users_ = 0;
  double ndcg_ = 0, precision_ = 0, recall_ = 0, diversity_ = 0;
};

}  // namespace echotune::recs::eval
