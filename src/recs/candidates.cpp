#include "recs/candidates.h"

#include <algorithm>
#include <cmath>

#include "recs/strategies.h"

namespace echotune::recs {
namespace {

Candidate MakeCandidate(const StrategyInput& in, std::uint32_t item, float score, Strategy strategy) {
  const TrackMeta& m = in.items.meta(item);
  Candidate c;
  c.track_id = m.id;
  c.name = m.name;
  c.artist = m.artist;
  c.artist_id = m.artist_id;
  c.album = m.album;
  c.score = std::clamp(std::round(static_cast<double>(score) * 10000.0) / 10000.0, 0.0, 1.0);
  c.strategy = std::string(StrategyName(strategy));
  c.reason = Explain(strategy, in, item);
  c.audio_features = in.items.features(item);
  return c;
}

std::vector<Pick> RunSingle(Strategy s, const StrategyInput& in) {
  switch (s) {
    case Strategy::kCollaborative: return Collaborative(in);
    case Strategy::kContent: return Content(in);
    case Strategy::kSemantic: return Semantic(in);
    case Strategy::kMood: return MoodBased(in);
    case Strategy::kPopular: return Popular(in);
    case Strategy::kHybrid: break;
  }
  return {};
}

std::vector<Candidate> Single(const StrategyInput& in) {
  Strategy s = in.request.strategy;
  std::vector<Pick> picks = RunSingle(s, in);
  if (picks.empty() && s != Strategy::kPopular) picks = Popular(in), s = Strategy::kPopular;  // cold start
  std::vector<Candidate> out;
  for (std::size_t k = 0; k < std::min(picks.size(), in.request.limit); ++k) {
    out.push_back(MakeCandidate(in, picks[k].item, picks[k].score, s));
  }
  return out;
}

std::vector<Candidate> Blended(const StrategyInput& in) {
  std::vector<Candidate> out;
  for (const HybridPick& h : Hybrid(in)) {
    if (out.size() >= in.request.limit) break;
    Candidate c = MakeCandidate(in, h.item, h.score, h.lead);
    c.strategy = "hybrid";
    c.parts = h.parts;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<Candidate> RecommendWith(const ItemModel& items, const UserProfile* profile, const RecRequest& request,
                                     const ModelConfig& config) {
  Exclusions exclude(items, profile, request);
  const bool hybrid = request.strategy == Strategy::kHybrid;
  StrategyInput in{items, profile, request, config, exclude, hybrid ? std::max(config.pool, request.limit) : request.limit};
  return hybrid ? Blended(in) : Single(in);
}

}  // namespace echotune::recs
