#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

constexpr float kMoodShare = 0.75f;      // the mood's pull against the user's taste
constexpr float kOffTempoFactor = 0.6f;  // a track outside the tempo band keeps 60 %

}  // namespace

std::vector<Pick> MoodBased(const StrategyInput& in) {
  const Mood* mood = FindMood(in.request.mood);
  if (!mood) return {};
  std::optional<FeatureArray> taste = TasteVector(in);
  FeatureArray target = taste.value_or(FeatureArray{});
  FeatureArray weights{};
  if (taste) weights.fill(0.15f);
  for (const auto& [f, raw] : mood->targets) {
    auto k = static_cast<std::size_t>(f);
    float m = in.items.Standardise(f, raw);
    target[k] = taste ? kMoodShare * m + (1 - kMoodShare) * target[k] : m;
    weights[k] = 1.0f;
  }
  std::span<float> scores = ScratchScores(Scratch::kScores, in.items.size());
  FeatureMatchScan(in, target, weights, scores);
  auto off_tempo = [&](std::uint32_t i) {
    float tempo = in.items.features(i).Get(FeatureId::kTempo);
    if (scores[i] > 0 && (tempo < mood->tempo_min || tempo > mood->tempo_max)) scores[i] *= kOffTempoFactor;
  };
  if (in.only) {
    for (std::uint32_t i : *in.only) off_tempo(i);
  } else {
    for (std::uint32_t i = 0; i < in.items.size(); ++i) off_tempo(i);
  }
  auto picks = PicksFromScores(scores, in);
  for (Pick& p : picks) p.score = scores[p.item];
  return picks;
}

std::string ExplainMood(const StrategyInput& in, std::uint32_t item) {
  const Mood* mood = FindMood(in.request.mood);
  std::string name = mood ? std::string(mood->name) : in.request.mood;
  return "Fits a " + name + " mood: " + DescribeFeatures(in.items.features(item));
}

}  // namespace echotune::recs
