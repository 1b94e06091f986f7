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
// One sort of (item, part) entries groups them without a hash map; each row
// points at its item's run of entries, so only the picks that are kept get
// their parts copied out (a request blends about a thousand rows and keeps a
// few dozen).
struct Blend {
  struct Entry {
    std::uint32_t item;
    std::uint32_t part;
    float score;
  };
  struct Row {
    std::uint32_t item;
    float score;
    std::uint32_t first, count;  // the item's entries
  };
  std::vector<Entry> entries;
  std::vector<Row> rows;
};

Blend BlendParts(const std::vector<Part>& parts) {
  float total_weight = 0;
  std::size_t size = 0;
  for (const Part& p : parts) {
    total_weight += p.picks.empty() ? 0.0f : p.weight;
    size += p.picks.size();
  }
  Blend b;
  if (total_weight <= 0) return b;
  b.entries.reserve(size);
  for (std::uint32_t k = 0; k < parts.size(); ++k) {
    for (const Pick& pick : parts[k].picks) b.entries.push_back({pick.item, k, pick.score});
  }
  std::sort(b.entries.begin(), b.entries.end(), [](const Blend::Entry& x, const Blend::Entry& y) {
    return x.item != y.item ? x.item < y.item : x.part < y.part;
  });
  for (std::uint32_t i = 0; i < b.entries.size(); ++i) {
    const Blend::Entry& e = b.entries[i];
    if (b.rows.empty() || b.rows.back().item != e.item) b.rows.push_back({e.item, 0.0f, i, 0});
    b.rows.back().score += parts[e.part].weight * e.score / total_weight;
    ++b.rows.back().count;
  }
  return b;
}

HybridPick MakePick(const Blend& b, const Blend::Row& row, const std::vector<Part>& parts) {
  HybridPick h{.item = row.item, .score = row.score};
  h.parts.reserve(row.count);
  float best = -1;
  for (std::uint32_t k = row.first; k < row.first + row.count; ++k) {
    const Part& part = parts[b.entries[k].part];
    const float score = b.entries[k].score;
    h.parts.push_back({part.strategy, score});
    if (part.weight * score > best)
      best = part.weight * score, h.lead = part.strategy;  // the lead part
  }
  return h;
}

// The listener's settings as soft signals: favourite genres lift a track,
// distance from the preferred energy level lowers it.
float Tilt(const StrategyInput& in, std::uint32_t item) {
  float f = 1.0f;
  if (in.context && in.context->InFavourite(item)) f *= 1.0f + in.config.favourite_genre_boost;
  if (auto level = in.request.settings.energy_level; level && in.items.has_features(item)) {
    f *= 1.0f - in.config.energy_level_pull *
                    std::abs(in.items.features(item).Get(FeatureId::kEnergy) - *level);
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
  auto cap = static_cast<std::size_t>(
      std::ceil(static_cast<float>(in.request.limit) * (1.0f - 0.7f * *w)));
  return std::max<std::size_t>(cap, 1);
}

std::optional<std::uint32_t> PrimaryGenre(const ItemModel& items, std::uint32_t item) {
  auto genres = items.genres().RowIndices(item);
  if (genres.empty()) return std::nullopt;
  return genres[0];
}

}  // namespace

std::vector<HybridPick> Hybrid(const StrategyInput& in) {
  const std::vector<Part> parts = RunParts(in);
  Blend blend = BlendParts(parts);
  for (Blend::Row& row : blend.rows) row.score *= Tilt(in, row.item);
  std::sort(blend.rows.begin(), blend.rows.end(), [](const Blend::Row& a, const Blend::Row& b) {
    return a.score != b.score ? a.score > b.score : a.item < b.item;
  });
  const std::size_t artist_cap = ArtistCap(in), genre_cap = GenreCap(in);
  std::unordered_map<std::uint32_t, std::size_t> per_artist, per_genre;
  std::vector<const Blend::Row*> kept, deferred;
  for (const Blend::Row& row : blend.rows) {
    if (kept.size() >= in.pool || row.score < in.config.min_confidence) break;
    if (++per_artist[in.items.artist(row.item)] > artist_cap) continue;
    auto genre = PrimaryGenre(in.items, row.item);
    if (genre && kept.size() < in.request.limit && ++per_genre[*genre] > genre_cap) {
      deferred.push_back(&row);
      continue;
    }
    kept.push_back(&row);
  }
  for (const Blend::Row* row : deferred) {
    if (kept.size() >= in.pool) break;
    kept.push_back(row);
  }
  std::vector<HybridPick> out;
  out.reserve(kept.size());
  for (const Blend::Row* row : kept) out.push_back(MakePick(blend, *row, parts));
  return out;
}

std::string Explain(Strategy s, const StrategyInput& in, std::uint32_t item) {
  switch (s) {
    case Strategy::kCollaborative:
      return ExplainCollaborative(in, item);
    case Strategy::kContent:
      return ExplainContent(in, item);
    case Strategy::kSemantic:
      return ExplainSemantic(in, item);
    case Strategy::kMood:
      return ExplainMood(in, item);
    case Strategy::kPopular:
      return ExplainPopular(in, item);
    case Strategy::kHybrid:
      break;
  }
  return "Recommended for you";
}

}  // namespace echotune::recs
