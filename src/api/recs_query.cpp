#include "api/recs_query.h"

#include <charconv>

#include "cache/cache_keys.h"
#include "recs/moods.h"

namespace echotune::api {

core::Result<int> IntQueryParam(const http::Request& req, std::string_view name, int fallback, int min,
                                int max) {
  auto text = req.Query(name);
  if (!text) return fallback;
  int v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || v < min || v > max) {
    return core::Error::Validation(std::string(name), std::string(name) + " must be an integer from " +
                                                          std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

namespace {

core::Result<std::optional<double>> UnitParam(const http::Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text) return std::optional<double>();
  double v = -1;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || !(v >= 0.0 && v <= 1.0)) {
    return core::Error::Validation(std::string(name), std::string(name) + " must be a number from 0 to 1");
  }
  return std::optional<double>(v);
}

std::vector<std::string> SplitComma(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto part = text.substr(0, comma);
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

core::Status ParseExtras(const http::Request& req, RecsQuery& q) {
  if (auto s = req.Query("seed_tracks")) q.seed_tracks = SplitComma(*s);
  if (q.seed_tracks.size() > 20) return core::Error::Validation("seed_tracks", "at most 20 seed tracks");
  if (auto s = req.Query("seed_genres")) q.seed_genres = SplitComma(*s);
  if (q.seed_genres.size() > 5) return core::Error::Validation("seed_genres", "at most 5 seed genres");
  for (const auto& g : q.seed_genres) {
    if (g.size() > 64) return core::Error::Validation("seed_genres", "a seed genre is at most 64 characters");
  }
  auto energy = UnitParam(req, "target_energy");
  if (!energy.ok()) return std::move(energy).error();
  q.target_energy = *energy;
  auto valence = UnitParam(req, "target_valence");
  if (!valence.ok()) return std::move(valence).error();
  q.target_valence = *valence;
  if (auto m = req.Query("mood")) {
    const recs::Mood* mood = recs::FindMood(*m);
    if (!mood) return core::Error::Validation("mood", "unknown mood: " + std::string(*m));
    q.mood = std::string(mood->name);
  }
  return core::Ok();
}

}  // namespace

core::Result<RecsQuery> ParseRecsQuery(const http::Request& req) {
  RecsQuery q;
  if (auto s = req.Query("strategy")) {
    auto strategy = recs::StrategyFromName(*s);
    if (!strategy) {
      return core::Error::Validation(
          "strategy", "strategy must be one of: hybrid, collaborative, content, semantic, mood_based, popular");
    }
    q.strategy = *strategy;
    q.strategy_given = true;
  }
  auto limit = IntQueryParam(req, "limit", 20, 1, kMaxRecsLimit);
  if (!limit.ok()) return std::move(limit).error();
  q.limit = *limit;
  auto offset = IntQueryParam(req, "offset", 0, 0, 100 - q.limit);
  if (!offset.ok()) return std::move(offset).error();
  q.offset = *offset;
  if (auto s = ParseExtras(req, q); !s.ok()) return std::move(s).error();
  if (q.strategy == recs::Strategy::kMood && q.mood.empty()) {
    return core::Error::Validation("mood", "strategy mood_based needs a mood");
  }
  return q;
}

std::string RecsCacheKey(std::string_view user_id, const RecsQuery& q) {
  // Without a strategy the user's recommendationStrategy setting decides, so
  // that answer has a key of its own ("default"), apart from an explicit one.
  std::string key = cache::RecsKey(user_id, q.strategy_given ? recs::StrategyName(q.strategy) : "default", q.limit);
  std::string extra;
  if (q.offset) extra += "&offset=" + std::to_string(q.offset);
  for (const auto& s : q.seed_tracks) extra += "&seed=" + s;
  for (const auto& g : q.seed_genres) extra += "&genre=" + g;
  if (q.target_energy) extra += "&energy=" + std::to_string(*q.target_energy);
  if (q.target_valence) extra += "&valence=" + std::to_string(*q.target_valence);
  if (!q.mood.empty()) extra += "&mood=" + q.mood;
  return extra.empty() ? key : key + ":" + extra.substr(1);
}

recs::RecRequest ToRecRequest(std::string_view user_id, const RecsQuery& q) {
  recs::RecRequest r;
  r.user_id = std::string(user_id);
  r.strategy = q.strategy;
  r.mood = q.mood;
  r.seed_tracks = q.seed_tracks;
  r.seed_genres = q.seed_genres;
  r.query = q.query;
  r.include_known = q.include_known;
  if (q.target_energy) r.targets.emplace_back(recs::FeatureId::kEnergy, static_cast<float>(*q.target_energy));
  if (q.target_valence) r.targets.emplace_back(recs::FeatureId::kValence, static_cast<float>(*q.target_valence));
  return r;
}

}  // namespace echotune::api
