#include "recs/eval/context_eval.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <unordered_set>

#include "core/clock.h"
#include "recs/context_filter.h"
#include "recs/eval/metrics.h"
#include "recs/moods.h"

namespace echotune::recs::eval {
namespace {

struct Holdout {
  EngineInputs train;
  std::map<std::string, std::vector<std::string>> test;  // user → held-out catalogue tracks
  std::int64_t now_ms = 0;
};

// Per listener: their distinct catalogued tracks, shuffled by a generator
// seeded from (seed, listener index); the last test_fraction are held out
// with every interaction on them.
Holdout Split(const EngineInputs& inputs, const ContextEvalConfig& config) {
  std::unordered_set<std::string> catalogue;
  for (const Track& t : inputs.catalogue) catalogue.insert(t.id);
  std::map<std::string, std::set<std::string>> tracks;
  for (const Interaction& e : inputs.interactions) {
    if (catalogue.contains(e.track_id)) tracks[e.user_id].insert(e.track_id);
  }
  Holdout h;
  std::map<std::string, std::set<std::string>> held;
  std::uint64_t index = 0;
  for (const auto& [user, set] : tracks) {
    ++index;
    if (set.size() < config.min_tracks) continue;
    std::vector<std::string> order(set.begin(), set.end());
    std::mt19937_64 rng(config.seed * 1'000'003 + index);
    std::shuffle(order.begin(), order.end(), rng);
    auto n = static_cast<std::size_t>(std::lround(config.test_fraction * static_cast<double>(order.size())));
    h.test[user].assign(order.end() - static_cast<std::ptrdiff_t>(n), order.end());
    held[user].insert(h.test[user].begin(), h.test[user].end());
  }
  h.train.catalogue = inputs.catalogue;
  for (const Interaction& e : inputs.interactions) {
    h.now_ms = std::max(h.now_ms, e.played_at_ms);
    auto it = held.find(e.user_id);
    if (it == held.end() || !it->second.contains(e.track_id)) h.train.interactions.push_back(e);
  }
  h.now_ms += 86'400'000;
  return h;
}

double Distance(const Mood& mood, const std::vector<Candidate>& out) {
  double sum = 0;
  std::size_t n = 0;
  for (const Candidate& c : out) {
    for (const auto& [f, target] : mood.targets) {
      if (f == FeatureId::kLoudness || f == FeatureId::kMode) continue;  // not on a 0–1 scale
      sum += std::abs(c.audio_features.Get(f) - target);
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : 0;
}

struct Scores {
  double ndcg = 0, distance = 0;
};

Scores Score(const RecEngine& engine, const RecRequest& r, const Mood& mood, const std::vector<std::uint32_t>& relevant,
             std::size_t k) {
  auto out = engine.Recommend(r);
  if (!out.ok()) return {};
  std::vector<std::uint32_t> ranked;
  for (const Candidate& c : *out) {
    if (auto i = engine.items()->Find(c.track_id)) ranked.push_back(*i);
  }
  return {NdcgAtK(ranked, relevant, k), Distance(mood, *out)};
}

}  // namespace

std::vector<ContextRow> EvaluateContext(const EngineInputs& inputs, const ContextEvalConfig& config) {
  Holdout h = Split(inputs, config);
  ModelConfig model_config;
  model_config.hybrid_concurrent = false;
  RecEngine engine(model_config, core::SystemClock::Instance());
  engine.Rebuild(h.train);
  const ItemModel& items = *engine.items();
  std::vector<ContextRow> rows;
  for (const Mood& mood : Moods()) {
    ContextRow row{.mood = std::string(mood.name)};
    RecRequest probe;
    probe.mood = std::string(mood.name);
    const std::shared_ptr<const ContextFilter::Mask> fits = ContextFilter(items, probe, true).Fit(0, false);
    for (const auto& [user, held] : h.test) {
      std::vector<std::uint32_t> relevant;
      for (const std::string& id : held) {
        if (auto i = items.Find(id); i && fits->allowed[*i]) relevant.push_back(*i);
      }
      if (relevant.empty()) continue;
      std::sort(relevant.begin(), relevant.end());
      RecRequest r;
      r.user_id = user;
      r.limit = config.k;
      r.now_ms = h.now_ms;
      Scores plain = Score(engine, r, mood, relevant, config.k);
      r.mood = mood.name;
      Scores context = Score(engine, r, mood, relevant, config.k);
      r.strategy = Strategy::kMood;
      Scores mood_only = Score(engine, r, mood, relevant, config.k);
      ++row.users;
      row.ndcg_context += context.ndcg, row.distance_context += context.distance;
      row.ndcg_plain += plain.ndcg, row.distance_plain += plain.distance;
      row.ndcg_mood_only += mood_only.ndcg, row.distance_mood_only += mood_only.distance;
    }
    if (row.users) {
      const auto n = static_cast<double>(row.users);
      for (double* v : {&row.ndcg_context, &row.ndcg_plain, &row.ndcg_mood_only, &row.distance_context,
                        &row.distance_plain, &row.distance_mood_only}) {
        *v /= n;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace echotune::recs::eval
