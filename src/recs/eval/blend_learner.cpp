#include "recs/eval/blend_learner.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "recs/top_k.h"

namespace echotune::recs::eval {
namespace {

// One validation user: the union of the parts' top candidates, each with every
// part's normalised score (row-major: candidate × part).
struct UserRows {
  std::vector<std::uint32_t> items;
  std::vector<float> scores;
  std::vector<std::uint8_t> relevant;
  double idcg = 0;
  float activity = 0;
};

class Objective {
 public:
  Objective(std::vector<UserRows> users, std::size_t parts, std::size_t k)
      : users_(std::move(users)), parts_(parts), k_(k) {}

  double Ndcg(const std::vector<float>& w, const std::vector<float>& t) const {
    double sum = 0;
    std::vector<float> eff(parts_);
    std::vector<std::pair<float, std::uint32_t>> blended;
    for (const UserRows& u : users_) {
      for (std::size_t p = 0; p < parts_; ++p) eff[p] = w[p] * std::max(0.0f, 1.0f + t[p] * u.activity);
      const std::size_t n = u.items.size();
      blended.resize(n);
      for (std::size_t c = 0; c < n; ++c) {
        const float* s = &u.scores[c * parts_];
        float b = 0;
        for (std::size_t p = 0; p < parts_; ++p) b += eff[p] * s[p];
        blended[c] = {b, static_cast<std::uint32_t>(c)};
      }
      const std::size_t top = std::min(k_, n);
      // Ties broken by item id, as TopKDense does.
      auto better = [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : u.items[a.second] < u.items[b.second];
      };
      std::partial_sort(blended.begin(), blended.begin() + static_cast<std::ptrdiff_t>(top), blended.end(), better);
      double dcg = 0;
      for (std::size_t r = 0; r < top; ++r) {
        if (blended[r].first > 0 && u.relevant[blended[r].second]) dcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
      }
      sum += dcg / u.idcg;
    }
    return users_.empty() ? 0.0 : sum / static_cast<double>(users_.size());
  }

 private:
  std::vector<UserRows> users_;
  std::size_t parts_;
  std::size_t k_;
};

}  // namespace

ActivityScale ActivityScale::Of(const CsrMatrix& train) {
  double sum = 0, sq = 0;
  for (std::uint32_t u = 0; u < train.rows(); ++u) {
    const double l = std::log1p(static_cast<double>(train.RowSize(u)));
    sum += l, sq += l * l;
  }
  const double n = std::max<double>(1, train.rows());
  ActivityScale a;
  a.mean_log = sum / n;
  a.sd_log = std::sqrt(std::max(0.0, sq / n - a.mean_log * a.mean_log));
  return a;
}

float ActivityScale::Activity(std::size_t row_size) const {
  if (!(sd_log > 0)) return 0.0f;
  return static_cast<float>((std::log1p(static_cast<double>(row_size)) - mean_log) / sd_log);
}

LearnedBlend LearnBlend(const std::vector<BlendPart>& parts, const CsrMatrix& train,
                        const std::vector<std::vector<std::uint32_t>>& test, const BlendLearnerOptions& options) {
  const std::size_t np = parts.size();
  const ActivityScale scale = ActivityScale::Of(train);

  std::vector<UserRows> users;
  std::vector<std::vector<float>> dense(np, std::vector<float>(train.cols()));
  std::vector<std::int32_t> slot(train.cols(), -1);
  for (std::uint32_t u = 0; u < train.rows(); ++u) {
    if (test[u].empty()) continue;
    auto known = train.RowIndices(u);
    auto is_known = [&](std::uint32_t j) { return std::binary_search(known.begin(), known.end(), j); };
    UserRows row;
    for (std::size_t p = 0; p < np; ++p) {
      std::fill(dense[p].begin(), dense[p].end(), 0.0f);
      parts[p].scorer->Score(u, dense[p]);
      for (std::uint32_t j : known) dense[p][j] = 0.0f;
      const float mx = *std::max_element(dense[p].begin(), dense[p].end());
      if (mx > 0) {
        for (float& v : dense[p]) v /= mx;
      }
      for (const Scored& s : TopKDense(dense[p], options.candidates, is_known)) {
        if (slot[s.id] < 0) {
          slot[s.id] = static_cast<std::int32_t>(row.items.size());
          row.items.push_back(s.id);
        }
      }
    }
    row.scores.resize(row.items.size() * np);
    row.relevant.resize(row.items.size());
    for (std::size_t c = 0; c < row.items.size(); ++c) {
      const std::uint32_t j = row.items[c];
      for (std::size_t p = 0; p < np; ++p) row.scores[c * np + p] = std::max(0.0f, dense[p][j]);
      row.relevant[c] = std::binary_search(test[u].begin(), test[u].end(), j) ? 1 : 0;
      slot[j] = -1;
    }
    const std::size_t ideal = std::min(options.k, test[u].size());
    for (std::size_t r = 0; r < ideal; ++r) row.idcg += 1.0 / std::log2(static_cast<double>(r) + 2.0);
    row.activity = scale.Activity(known.size());
    users.push_back(std::move(row));
  }
  Objective objective(std::move(users), np, options.k);

  LearnedBlend out;
  out.weights.resize(np);
  out.tilts.assign(np, 0.0f);
  for (std::size_t p = 0; p < np; ++p) out.weights[p] = parts[p].weight;
  out.ndcg_start = objective.Ndcg(out.weights, out.tilts);
  double best = out.ndcg_start;
  static constexpr float kFactors[] = {0.0f, 0.5f, 0.7f, 0.85f, 0.93f, 1.07f, 1.18f, 1.4f, 2.0f};
  static constexpr float kTiltSteps[] = {-1.6f, -0.8f, -0.4f, -0.2f, -0.1f, -0.05f, 0.05f, 0.1f, 0.2f, 0.4f, 0.8f, 1.6f};
  constexpr double kMinGain = 1e-5;
  for (out.rounds = 0; out.rounds < options.max_rounds; ++out.rounds) {
    bool improved = false;
    for (std::size_t p = 0; p < np; ++p) {
      const float base = out.weights[p];
      float chosen = base;
      for (float f : kFactors) {
        out.weights[p] = base > 0 ? base * f : f * 0.25f;  // a part at 0 may come back
        const double v = objective.Ndcg(out.weights, out.tilts);
        if (v > best + kMinGain) best = v, chosen = out.weights[p], improved = true;
      }
      out.weights[p] = chosen;
      if (!options.tilt) continue;
      const float tbase = out.tilts[p];
      float tchosen = tbase;
      for (float step : kTiltSteps) {
        out.tilts[p] = tbase + step;
        const double v = objective.Ndcg(out.weights, out.tilts);
        if (v > best + kMinGain) best = v, tchosen = out.tilts[p], improved = true;
      }
      out.tilts[p] = tchosen;
    }
    if (!improved) break;
  }
  const float top = *std::max_element(out.weights.begin(), out.weights.end());
  if (top > 0) {
    for (float& w : out.weights) w /= top;
  }
  out.ndcg_learned = best;
  return out;
}

}  // namespace echotune::recs::eval
