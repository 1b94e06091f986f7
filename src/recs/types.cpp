#include "recs/types.h"

namespace echotune::recs {
namespace {

constexpr std::array<std::string_view, kFeatureCount> kFeatureNames = {
    "acousticness", "danceability", "energy", "instrumentalness", "liveness", "loudness",
    "speechiness", "valence", "tempo", "key", "mode", "time_signature"};

constexpr std::array<std::pair<std::string_view, Strategy>, 8> kStrategyNames = {{
    {"collaborative", Strategy::kCollaborative}, {"content_based", Strategy::kContent},
    {"semantic", Strategy::kSemantic}, {"mood_based", Strategy::kMood}, {"hybrid", Strategy::kHybrid},
    {"popular", Strategy::kPopular}, {"content", Strategy::kContent}, {"mood", Strategy::kMood}}};

}  // namespace

std::string_view FeatureName(FeatureId f) { return kFeatureNames[static_cast<std::size_t>(f)]; }

std::optional<FeatureId> FeatureFromName(std::string_view name) {
  if (name.starts_with("target_")) name.remove_prefix(7);
  for (std::size_t i = 0; i < kFeatureNames.size(); ++i) {
    if (kFeatureNames[i] == name) return static_cast<FeatureId>(i);
  }
  return std::nullopt;
}

std::string_view StrategyName(Strategy s) {
  for (const auto& [name, value] : kStrategyNames) {
    if (value == s) return name;
  }
  return "hybrid";
}

std::optional<Strategy> StrategyFromName(std::string_view name) {
  for (const auto& [n, value] : kStrategyNames) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace echotune::recs
