#include <algorithm>
#include <unordered_map>

#include "recs/context_filter.h"
#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

constexpr std::size_t kTopGenres = 3;

void CountGenres(const ItemModel& items, std::uint32_t item, float w, std::unordered_map<std::uint32_t, float>& out) {
  for (std::uint32_t g : items.genres().RowIndices(item)) out[g] += w;
}

// The user's preferred genres: the requested (seed) genres, the favourite
// genres of their settings, those of their history (by weight), their seed
// tracks and the genre words of the query; the top few win, and every
// requested or favourite genre is kept.
std::vector<std::uint32_t> PreferredGenres(const StrategyInput& in) {
  std::unordered_map<std::uint32_t, float> weight;
  std::vector<std::uint32_t> stated;
  if (in.context) {
    stated = in.context->required_genres();
    for (std::uint32_t g : in.context->favourite_genres()) stated.push_back(g);
  }
  if (in.profile) {
    for (std::size_t k = 0; k < in.profile->items().size(); ++k) {
      CountGenres(in.items, in.profile->items()[k], in.profile->weights()[k], weight);
    }
  }
  for (std::uint32_t s : SeedItems(in)) CountGenres(in.items, s, 1.0f, weight);
  for (const std::string& w : Words(in.request.query)) {
    if (auto g = in.items.FindGenre(w)) weight[*g] += 100.0f;
  }
  std::vector<Scored> ranked;
  for (const auto& [g, w] : weight) ranked.push_back({g, w});
  std::vector<std::uint32_t> out = stated;
  for (const Scored& s : TopK(std::move(ranked), kTopGenres)) out.push_back(s.id);
  return out;
}

bool InAny(const ItemModel& items, std::uint32_t item, const std::vector<std::uint32_t>& genres) {
  for (std::uint32_t g : items.genres().RowIndices(item)) {
    if (std::find(genres.begin(), genres.end(), g) != genres.end()) return true;
  }
  return false;
}

}  // namespace

// Walks the popularity order, so the cost is the depth reached, not the catalogue.
std::vector<Pick> Popular(const StrategyInput& in) {
  std::vector<std::uint32_t> genres = PreferredGenres(in);
  std::vector<Pick> picks;
  for (int pass = genres.empty() ? 1 : 0; pass < 2 && picks.size() < in.pool; ++pass) {
    for (std::uint32_t i : in.items.by_popularity()) {
      if (picks.size() >= in.pool) break;
      if (in.exclude.Contains(i) || (pass == 0 && !InAny(in.items, i, genres))) continue;
      if (pass == 1 && std::any_of(picks.begin(), picks.end(), [&](const Pick& p) { return p.item == i; })) continue;
      picks.push_back({i, in.items.popularity(i) * (pass == 0 ? 1.0f : 0.5f)});
    }
  }
  return picks;
}

std::string ExplainPopular(const StrategyInput& in, std::uint32_t item) {
  auto has = [](const std::vector<std::uint32_t>& v, std::uint32_t g) {
    return std::find(v.begin(), v.end(), g) != v.end();
  };
  const auto row = in.items.genres().RowIndices(item);
  if (in.context) {
    for (std::uint32_t g : row) {
      const std::string& name = in.items.genre_names()[g];
      if (!in.request.seed_genres.empty() && has(in.context->required_genres(), g)) {
        return "Popular in " + name + ", as you asked";
      }
      if (has(in.context->favourite_genres(), g)) return "Popular in " + name + ", one of your favourite genres";
    }
  }
  std::vector<std::uint32_t> genres = PreferredGenres(in);
  for (std::uint32_t g : row) {
    if (has(genres, g)) {
      return "Popular in " + in.items.genre_names()[g] + (in.profile ? ", a genre you play" : ", a genre you like");
    }
  }
  return "Popular with listeners right now";
}

}  // namespace echotune::recs
