#include <algorithm>

#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

// Genres named by the query: a genre equal to a word, or a word matching a
// mood whose related words are genres.
std::vector<std::uint32_t> QueryGenres(const ItemModel& items, std::string_view query) {
  std::vector<std::uint32_t> out;
  auto add = [&](std::string_view w) {
    if (auto g = items.FindGenre(w); g && std::find(out.begin(), out.end(), *g) == out.end())
      out.push_back(*g);
  };
  auto words = Words(query);
  for (std::size_t k = 0; k < words.size(); ++k) {
    add(words[k]);
    if (k + 1 < words.size()) add(words[k] + " " + words[k + 1]);
  }
  for (const Mood* m : MoodsInText(query)) {
    for (std::string_view w : m->words) add(w);
  }
  return out;
}

void AddScaled(std::vector<float>& q, std::span<const float> v, float w) {
  for (std::size_t d = 0; d < q.size(); ++d) q[d] += w * v[d];
}

std::vector<float> QueryVector(const StrategyInput& in) {
  const Embeddings& e = in.items.embeddings();
  std::vector<float> q(e.dim, 0.0f);
  if (in.profile) {
    for (std::size_t k = 0; k < in.profile->items().size(); ++k) {
      AddScaled(q, e.Item(in.profile->items()[k]), in.profile->weights()[k]);
    }
  }
  Normalise(q);
  std::vector<float> extra(e.dim, 0.0f);
  for (std::uint32_t s : SeedItems(in)) AddScaled(extra, e.Item(s), 1.0f);
  for (std::uint32_t g : QueryGenres(in.items, in.request.query)) AddScaled(extra, e.Tag(g), 1.0f);
  Normalise(extra);
  // Words and seeds steer as strongly as the whole history.
  AddScaled(q, extra, 1.0f);
  Normalise(q);
  return q;
}

}  // namespace

std::vector<Pick> Semantic(const StrategyInput& in) {
  const Embeddings& e = in.items.embeddings();
  if (e.dim == 0 || e.items != in.items.size()) return {};
  std::vector<float> q = QueryVector(in);
  if (std::all_of(q.begin(), q.end(), [](float x) { return x == 0.0f; })) return {};
  std::span<float> scores = ScratchScores(Scratch::kScores, in.items.size());
  if (in.only) {
    SimilarityScan(e, q, *in.only, scores);
  } else {
    SimilarityScan(e, q, scores);
  }
  auto picks = PicksFromScores(scores, in);
  for (Pick& p : picks) p.score = std::clamp(scores[p.item], 0.0f, 1.0f);  // a cosine
  return picks;
}

std::string ExplainSemantic(const StrategyInput& in, std::uint32_t item) {
  auto genres = in.items.genres().RowIndices(item);
  std::string tags;
  for (std::size_t k = 0; k < std::min<std::size_t>(2, genres.size()); ++k) {
    tags += (tags.empty() ? "" : ", ") + in.items.genre_names()[genres[k]];
  }
  std::string base = !in.request.query.empty() ? "Close to \"" + in.request.query + "\""
                     : in.profile              ? "Close to your listening"
                                               : "Close to your seed tracks";
  return tags.empty() ? base : base + " (" + tags + ")";
}

}  // namespace echotune::recs
