#include <algorithm>
#include <unordered_map>

#include "recs/context_filter.h"
#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

constexpr std::size_t kTopGenres = 3;

void CountGenres(const ItemModel& items, std::uint32_t item, float w,
                 std::unordered_map<std::uint32_t, float>& out) {
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

// The first `want` items in popularity order that `accept` takes: a walk down
// the catalogue's order, so the cost is the depth reached; for a context pool,
// a selection among the pool's items instead (the same order: by_popularity
// breaks ties by id).
template <typename Accept>
std::vector<std::uint32_t> MostPopular(const StrategyInput& in, std::size_t want, Accept accept) {
  std::vector<std::uint32_t> out;
  if (!in.only) {
    for (std::uint32_t i : in.items.by_popularity()) {
      if (out.size() >= want) break;
      if (accept(i)) out.push_back(i);
    }
    return out;
  }
  for (std::uint32_t i : *in.only) {
    if (accept(i)) out.push_back(i);
  }
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    const float pa = in.items.popularity(a), pb = in.items.popularity(b);
    return pa != pb ? pa > pb : a < b;
  };
  if (out.size() > want) {
    std::nth_element(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(want), out.end(),
                     before);
    out.resize(want);
  }
  std::sort(out.begin(), out.end(), before);
  return out;
}

}  // namespace

// The most popular tracks in the preferred genres at full score, then the
// most popular of the rest at half.
std::vector<Pick> Popular(const StrategyInput& in) {
  const std::vector<std::uint32_t> genres = PreferredGenres(in);
  std::vector<Pick> picks;
  std::vector<std::uint32_t> taken;
  if (!genres.empty()) {
    taken = MostPopular(in, in.pool, [&](std::uint32_t i) {
      return !in.exclude.Contains(i) && InAny(in.items, i, genres);
    });
    for (std::uint32_t i : taken) picks.push_back({i, in.items.popularity(i)});
  }
  if (picks.size() >= in.pool) return picks;
  std::sort(taken.begin(), taken.end());
  auto rest = MostPopular(in, in.pool - picks.size(), [&](std::uint32_t i) {
    return !in.exclude.Contains(i) && !std::binary_search(taken.begin(), taken.end(), i);
  });
  for (std::uint32_t i : rest) picks.push_back({i, in.items.popularity(i) * 0.5f});
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
      if (has(in.context->favourite_genres(), g))
        return "Popular in " + name + ", one of your favourite genres";
    }
  }
  std::vector<std::uint32_t> genres = PreferredGenres(in);
  for (std::uint32_t g : row) {
    if (has(genres, g)) {
      return "Popular in " + in.items.genre_names()[g] +
             (in.profile ? ", a genre you play" : ", a genre you like");
    }
  }
  return "Popular with listeners right now";
}

}  // namespace echotune::recs
