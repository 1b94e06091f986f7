#include "recs/eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace echotune::recs::eval {
namespace {

bool Contains(std::span<const std::uint32_t> sorted, std::uint32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

std::size_t Hits(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k) {
  std::size_t hits = 0;
  for (std::size_t r = 0; r < std::min(k, ranked.size()); ++r) hits += Contains(relevant, ranked[r]) ? 1 : 0;
  return hits;
}

double Cosine(const CsrMatrix& m, std::uint32_t a, std::uint32_t b) {
  auto ia = m.RowIndices(a), ib = m.RowIndices(b);
  auto va = m.RowValues(a), vb = m.RowValues(b);
  double dot = 0, na = 0, nb = 0;
  for (float v : va) na += v * v;
  for (float v : vb) nb += v * v;
  for (std::size_t x = 0, y = 0; x < ia.size() && y < ib.size();) {
    if (ia[x] == ib[y]) dot += va[x++] * vb[y++];
    else if (ia[x] < ib[y]) ++x;
    else ++y;
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0.0;
}

}  // namespace

double NdcgAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k) {
  if (relevant.empty()) return 0.0;
  double dcg = 0, idcg = 0;
  for (std::size_t r = 0; r < std::min(k, ranked.size()); ++r) {
    if (Contains(relevant, ranked[r])) dcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
  }
  for (std::size_t r = 0; r < std::min(k, relevant.size()); ++r) idcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
  return dcg / idcg;
}

double PrecisionAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k) {
  return k == 0 ? 0.0 : static_cast<double>(Hits(ranked, relevant, k)) / static_cast<double>(k);
}

double RecallAtK(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant, std::size_t k) {
  if (relevant.empty()) return 0.0;
  return static_cast<double>(Hits(ranked, relevant, k)) / static_cast<double>(relevant.size());
}

double IntraListDiversity(std::span<const std::uint32_t> ranked, const CsrMatrix& item_vectors) {
  if (ranked.size() < 2) return 0.0;
  double sum = 0;
  std::size_t pairs = 0;
  for (std::size_t a = 0; a < ranked.size(); ++a) {
    for (std::size_t b = a + 1; b < ranked.size(); ++b, ++pairs) sum += Cosine(item_vectors, ranked[a], ranked[b]);
  }
  return 1.0 - sum / static_cast<double>(pairs);
}

void MetricsAccumulator::Add(std::span<const std::uint32_t> ranked, std::span<const std::uint32_t> relevant,
                             const CsrMatrix& item_vectors) {
  if (relevant.empty()) return;
  auto top = ranked.first(std::min(k_, ranked.size()));
  ++users_;
  ndcg_ += NdcgAtK(top, relevant, k_);
  precision_ += PrecisionAtK(top, relevant, k_);
  recall_ += RecallAtK(top, relevant, k_);
  diversity_ += IntraListDiversity(top, item_vectors);
  for (std::uint32_t i : top) recommended_[i] = 1;
}

MetricsSummary MetricsAccumulator::Finish(double total_ms) const {
  MetricsSummary s;
  if (users_ == 0) return s;
  const double n = static_cast<double>(users_);
  s.ndcg = ndcg_ / n;
  s.precision = precision_ / n;
  s.recall = recall_ / n;
  s.diversity = diversity_ / n;
  s.ms_per_user = total_ms / n;
  auto covered = std::count(recommended_.begin(), recommended_.end(), 1);
  s.coverage = recommended_.empty() ? 0.0 : static_cast<double>(covered) / static_cast<double>(recommended_.size());
  return s;
}

}  // namespace echotune::recs::eval
