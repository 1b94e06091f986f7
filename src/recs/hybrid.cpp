#include <algorithm>
#include <future>
#include <optional>
#include <unordered_map>
#include <vector>

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
  const HybridWeights& w = in.config.hybrid;
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

}  // namespace

std::vector<HybridPick> Hybrid(const StrategyInput& in) {
  std::vector<Part> parts = RunParts(in);
  std::vector<HybridPick> blended = Blend(parts);
  std::sort(blended.begin(), blended.end(), [](const HybridPick& a, const HybridPick& b) {
    return a.score != b.score ? a.score > b.score : a.item < b.item;
  });
  std::unordered_map<std::uint32_t, std::size_t> per_artist;
  std::vector<HybridPick> out;
  for (HybridPick& h : blended) {
    if (out.size() >= in.pool || h.score < in.config.min_confidence) break;
    if (++per_artist[in.items.artist(h.item)] > in.config.max_per_artist) continue;
    h.lead = Lead(h, parts);
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
