#include "recs/candidates.h"

#include <algorithm>
#include <cmath>

#include "recs/context_filter.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

Candidate MakeCandidate(const StrategyInput& in, std::uint32_t item, float score,
                        Strategy strategy) {
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
    case Strategy::kCollaborative:
      return Collaborative(in);
    case Strategy::kContent:
      return Content(in);
    case Strategy::kSemantic:
      return Semantic(in);
    case Strategy::kMood:
      return MoodBased(in);
    case Strategy::kPopular:
      return Popular(in);
    case Strategy::kHybrid:
      break;
  }
  return {};
}

std::vector<Candidate> Single(const StrategyInput& in) {
  Strategy s = in.request.strategy;
  std::vector<Pick> picks = RunSingle(s, in);
  if (picks.empty() && s != Strategy::kPopular)
    picks = Popular(in), s = Strategy::kPopular;  // cold start
  std::vector<Candidate> out;
  for (std::size_t k = 0; k < std::min(picks.size(), in.request.limit); ++k) {
    out.push_back(MakeCandidate(in, picks[k].item, picks[k].score, s));
  }
  return out;
}

std::vector<Candidate> Blended(const StrategyInput& in) {
  const bool in_context = in.context && in.context->applied();
  std::vector<Candidate> out;
  for (const HybridPick& h : Hybrid(in)) {
    if (out.size() >= in.request.limit) break;
    Candidate c = MakeCandidate(in, h.item, h.score, h.lead);
    if (in_context) c.reason = ExplainInContext(h.lead, in, h.item);
    c.strategy = "hybrid";
    c.parts = h.parts;
    out.push_back(std::move(c));
  }
  return out;
}

// Tracks of the catalogue the listener has played (history-only tracks have
// no features, genres or names, so they say nothing about taste we can show).
bool HasCataloguedHistory(const ItemModel& items, const UserProfile* profile) {
  if (!profile) return false;
  return std::any_of(profile->items().begin(), profile->items().end(),
                     [&](std::uint32_t i) { return items.catalogued(i); });
}

float PersonalShare(const std::vector<Candidate>& out) {
  if (out.empty()) return 0;
  auto personal = std::count_if(out.begin(), out.end(), [](const Candidate& c) {
    return std::any_of(c.parts.begin(), c.parts.end(), [](const ScorePart& p) {
      return p.strategy == Strategy::kCollaborative || p.strategy == Strategy::kSemantic;
    });
  });
  return static_cast<float>(personal) / static_cast<float>(out.size());
}

struct Run {
  const ItemModel& items;
  const UserProfile* profile;  // for exclusions: everything the user played
  const UserProfile* taste;    // for ranking: null without catalogued history
  const RecRequest& request;
  const ModelConfig& config;
  const ContextFilter& context;

  // `mask` null: every item may be picked. A small pool (a mood, a target)
  // is scanned by its id list; a large one (settings that drop a genre or
  // two) by the dense scans, which are faster over most of the catalogue.
  std::vector<Candidate> Once(const ContextFilter::Mask* mask) const {
    std::span<const std::uint8_t> allowed;
    if (mask) allowed = mask->allowed;
    const bool small_pool = mask && mask->ids.size() * 4 <= items.size();
    Exclusions exclude(items, profile, request, allowed);
    const bool hybrid = request.strategy == Strategy::kHybrid;
    StrategyInput in{items,    taste,
                     request,  config,
                     exclude,  hybrid ? std::max(config.pool, request.limit) : request.limit,
                     &context, small_pool ? &mask->ids : nullptr};
    return hybrid ? Blended(in) : Single(in);
  }

  // Enough results, and (hybrid, listener with history, first step only)
  // enough of them personal.
  bool Enough(const std::vector<Candidate>& out, int step) const {
    if (out.size() < request.limit) return false;
    if (request.strategy != Strategy::kHybrid || !taste || step > 0) return true;
    return PersonalShare(out) >= config.min_personal_share;
  }

  // Widens the bands step by step, then (if still too few) lets go of the
  // required genres — their tracks first, the rest after — and reports how
  // the answer was shaped.
  Recommendations InContext() const {
    Recommendations r;
    r.context.genres = context.genre_matches();
    r.context.applied = context.applied();
    bool with_genres = context.requires_genres();
    std::vector<Candidate> in_genres;
    const int steps = context.banded() ? ContextFilter::kSteps : 1;
    for (int step = 0;; ++step) {
      std::shared_ptr<const ContextFilter::Mask> mask = context.Fit(step, with_genres);
      r.candidates = Once(mask.get());
      r.context.fitting = mask->count;
      r.context.tolerance =
          context.banded() ? ContextFilter::kTargetTolerance + ContextFilter::Widening(step) : 0;
      r.context.widened = step > 0;
      if (Enough(r.candidates, step)) break;
      if (step + 1 < steps) continue;
      if (!with_genres || r.candidates.size() >= request.limit) break;
      with_genres = false;  // too few tracks in the genres asked for: keep the rest of the context
      r.context.genres_relaxed = true;
      in_genres = std::move(r.candidates);
      step = -1;
    }
    if (!in_genres.empty())
      r.candidates = GenresFirst(std::move(in_genres), std::move(r.candidates));
    if (request.fill_to_limit && context.banded() && r.candidates.size() < request.limit) {
      std::shared_ptr<const ContextFilter::Mask> rest = context.Fit(0, false, false);
      r.candidates = GenresFirst(std::move(r.candidates), Once(rest.get()));
      r.context.filled = true;
    }
    return r;
  }

  std::vector<Candidate> GenresFirst(std::vector<Candidate> first,
                                     std::vector<Candidate> rest) const {
    for (Candidate& c : rest) {
      if (first.size() >= request.limit) break;
      auto same = [&](const Candidate& f) { return f.track_id == c.track_id; };
      if (std::none_of(first.begin(), first.end(), same)) first.push_back(std::move(c));
    }
    return first;
  }
};

}  // namespace

Recommendations RecommendWith(const ItemModel& items, const UserProfile* profile,
                              const RecRequest& request, const ModelConfig& config) {
  const UserProfile* taste = HasCataloguedHistory(items, profile) ? profile : nullptr;
  ContextFilter context(items, request, taste != nullptr);
  Run run{items, profile, taste, request, config, context};
  if (context.active()) return run.InContext();
  Recommendations r;
  r.candidates = run.Once(nullptr);
  return r;
}

}  // namespace echotune::recs
