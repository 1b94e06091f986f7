#include "recs/user_knn.h"

#include <cmath>
#include <vector>

#include "recs/top_k.h"

namespace echotune::recs {

void ScoreUserKnn(const CsrMatrix& user_item, const CsrMatrix& item_user, std::span<const float> user_norms,
                  std::span<const std::uint32_t> items, std::span<const float> weights, std::uint32_t self,
                  const UserKnnParams& params, std::span<float> scratch, std::span<float> scores) {
  std::vector<std::uint32_t> touched;
  float self_norm = 0;
  for (std::size_t a = 0; a < items.size(); ++a) {
    self_norm += weights[a] * weights[a];
    auto users = item_user.RowIndices(items[a]);
    auto vals = item_user.RowValues(items[a]);
    for (std::size_t b = 0; b < users.size(); ++b) {
      if (scratch[users[b]] == 0.0f) touched.push_back(users[b]);
      scratch[users[b]] += weights[a] * vals[b];
    }
  }
  self_norm = std::sqrt(self_norm);
  std::vector<Scored> cand;
  cand.reserve(touched.size());
  for (std::uint32_t v : touched) {
    if (v != self && scratch[v] > 0) {
      cand.push_back({v, scratch[v] / (self_norm * user_norms[v] + params.shrink)});
    }
    scratch[v] = 0.0f;
  }
  for (const Scored& n : TopK(std::move(cand), params.neighbours)) {
    const float s = params.exponent == 1.0f ? n.score : std::pow(n.score, params.exponent);
    auto cols = user_item.RowIndices(n.id);
    auto vals = user_item.RowValues(n.id);
    for (std::size_t k = 0; k < cols.size(); ++k) scores[cols[k]] += s * vals[k];
  }
}

std::vector<float> RowNorms(const CsrMatrix& m) {
  std::vector<float> out(m.rows(), 0.0f);
  for (std::uint32_t r = 0; r < m.rows(); ++r) {
    for (float v : m.RowValues(r)) out[r] += v * v;
    out[r] = std::sqrt(out[r]);
  }
  return out;
}

}  // namespace echotune::recs
