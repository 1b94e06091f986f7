#include <algorithm>
#include <cmath>
#include <future>
#include <optional>
#include <unordered_map>
#include <vector>

#include "recs/context_filter.h"
#include "recs/spare_thread.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

struct Part {
  Strategy strategy;
  float weight;
  std::vector<Pick> picks;
};

// Content (the audio-feature scan, the costliest part) goes to the spare
// thread when it is idle (config.hybrid_concurrent); this thread does the rest
// meanwhile. When the spare thread is busy with another request, or
// concurrency is off, this thread runs content too.
std::vector<Part> RunParts(const StrategyInput& in) {
  const bool in_context = in.context && in.context->applied();
  const HybridWeights& w = in_context ? in.config.hybrid_in_context : in.config.hybrid;
  std::vector<Pick> content;
  std::optional<std::future<void>> content_done;
  if (in.config.hybrid_concurrent) {
    content_done = SpareThread::Shared().TryRun([&] { content = Content(in); });
  }
  // The spare thread writes to this frame: wait for it on every way out.
  struct WaitOnExit {
    std::optional<std::future<void>>& done;
    ~WaitOnExit() {
      if (done && done->valid()) done->wait();
    }
  } wait_on_exit{content_done};
  std::vector<Part> parts;
  parts.push_back({Strategy::kCollaborative, w.collaborative, Collaborative(in)});
  if (!in.request.mood.empty()) parts.push_back({Strategy::kMood, w.mood, MoodBased(in)});
  parts.push_back({Strategy::kPopular, w.popular, Popular(in)});
  std::vector<Pick> semantic = Semantic(in);
  if (content_done) {
    content_done->get();
  } else {
    content = Content(in);
  }
  parts.push_back({Strategy::kContent, w.content, std::move(content)});
  parts.push_back({Strategy::kSemantic, w.semantic, std::move(semantic)});
  return parts;
}

// Weighted mean over the parts that had anything to say (a cold-start user
// gets popular tracks at full strength, not scaled down by silent parts).
// One sort of (item, part) entries groups them without a hash map.
std::vector<HybridPick> Blend(const std::vector<Part>& parts) {
  float total_weight = 0;
  std::size_t entries = 0;
  for (const Part& p : parts) {
    total_weight += p.picks.empty() ? 0.0f : p.weight;
    entries += p.picks.size();
  }
  if (total_weight <= 0) return {};
  struct Entry {
    std::uint32_t item;
    std::uint32_t part;
    float score;
  };
  std::vector<Entry> all;
  all.reserve(entries);
  for (std::uint32_t k = 0; k < parts.size(); ++k) {
    for (const Pick& pick : parts[k].picks) all.push_back({pick.item, k, pick.score});
  }
  std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
    return a.item != b.item ? a.item < b.item : a.part < b.part;
  });
  std::vector<HybridPick> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (out.empty() || out.back().item != all[i].item) out.emplace_back().item = all[i].item;
    out.back().score += parts[all[i].part].weight * all[i].score / total_weight;
    out.back().parts.push_back({parts[all[i].part].strategy, all[i].score});
  }
  return out;
}

Strategy Lead(const HybridPick& h, const std::vector<Part>& parts) {
  Strategy lead = Strategy::kHybrid;
  float best = -1;
  for (const ScorePart& sp : h.parts) {
    auto it = std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.strategy == sp.strategy; });
    if (it->weight * sp.score > best) best = it->weight * sp.score, lead = sp.strategy;
  }
  return lead;
}

// The listener's settings as soft signals: favourite genres lift a track,
// distance from the preferred energy level lowers it.
float Tilt(const StrategyInput& in, std::uint32_t item) {
  float f = 1.0f;
  if (in.context && in.context->InFavourite(item)) f *= 1.0f + in.config.favourite_genre_boost;
  if (auto level = in.request.settings.energy_level; level && in.items.has_features(item)) {
    f *= 1.0f - in.config.energy_level_pull * std::abs(in.items.features(item).Get(FeatureId::kEnergy) - *level);
  }
  return f;
}

// diversityWeight 0–1 → at most 3, 2 or 1 tracks per artist; unset → config.
std::size_t ArtistCap(const StrategyInput& in) {
  auto w = in.request.settings.diversity_weight;
  if (!w) return in.config.max_per_artist;
  return *w >= 2.0f / 3 ? 1 : *w >= 1.0f / 3 ? 2 : 3;
}

// diversityWeight w > 0 → at most ceil(limit × (1 − 0.7 w)) results share a
// primary genre (w = 1: 30 %); the rest wait behind the others.
std::size_t GenreCap(const StrategyInput& in) {
  auto w = in.request.settings.diversity_weight;
  if (!w || *w <= 0) return in.pool;
  auto cap = static_cast<std::size_t>(std::ceil(static_cast<float>(in.request.limit) * (1.0f - 0.7f * *w)));
  return std::max<std::size_t>(cap, 1);
}

std::optional<std::uint32_t> PrimaryGenre(const ItemModel& items, std::uint32_t item) {
  auto genres = items.genres().RowIndices(item);
  if (genres.empty()) return std::nullopt;
  return genres[0];
}

}  // namespace

std::vector<HybridPick> Hybrid(const StrategyInput& in) {
  std::vector<Part> parts = RunParts(in);
  std::vector<HybridPick> blended = Blend(parts);
  for (HybridPick& h : blended) h.score *= Tilt(in, h.item);
  std::sort(blended.begin(), blended.end(), [](const HybridPick& a, const HybridPick& b) {
    return a.score != b.score ? a.score > b.score : a.item < b.item;
  });
  const std::size_t artist_cap = ArtistCap(in), genre_cap = GenreCap(in);
  std::unordered_map<std::uint32_t, std::size_t> per_artist, per_genre;
  std::vector<HybridPick> out, deferred;
  for (HybridPick& h : blended) {
    if (out.size() >= in.pool || h.score < in.config.min_confidence) break;
    if (++per_artist[in.items.artist(h.item)] > artist_cap) continue;
    h.lead = Lead(h, parts);
    auto genre = PrimaryGenre(in.items, h.item);
    if (genre && out.size() < in.request.limit && ++per_genre[*genre] > genre_cap) {
      deferred.push_back(std::move(h));
      continue;
    }
    out.push_back(std::move(h));
  }
  for (HybridPick& h : deferred) {
    if (out.size() >= in.pool) break;
    out.push_back(std::move(h));
  }
  return out;
}

std::string Explain(Strategy s, const StrategyInput& in, std::uint32_t item) {
  switch (s) {
    case Strategy::kCollaborative: return ExplainCollaborative(in, item);
    case Strategy::kContent: return ExplainContent(in, item);
    case Strategy::kSemantic: return ExplainSemantic(in, item);
    case Strategy::kMood: return ExplainMood(in, item);
    case Strategy::kPopular: return ExplainPopular(in, item);
    case Strategy::kHybrid: break;
  }
  return "Recommended for you";
}

}  // namespace echotune::recs
