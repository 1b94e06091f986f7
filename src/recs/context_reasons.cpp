// Reasons for picks drawn from a context pool: what makes the track fit the
// request, then what ties it to this listener.
#include <algorithm>
#include <cctype>

#include "recs/context_filter.h"
#include "recs/moods.h"
#include "recs/strategies.h"

namespace echotune::recs {
namespace {

// "Calm and acoustic": the first two salient words of the track's features.
std::string FitWords(const StrategyInput& in, std::uint32_t item) {
  std::vector<std::string> words;
  const AudioFeatures& f = in.items.features(item);
  const std::string all = DescribeFeatures(f);
  std::size_t start = 0;
  while (start < all.size() && words.size() < 2) {
    std::size_t comma = all.find(", ", start);
    std::string w = all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (w.find("BPM") == std::string::npos) words.push_back(w);
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  std::string out;
  if (words.empty()) {
    const Mood* mood = FindMood(in.request.mood);
    out = mood ? "Fits a " + std::string(mood->name) + " mood" : "Fits what you asked for";
  } else {
    out = words.size() == 1 ? words[0] : words[0] + " and " + words[1];
  }
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The first of the track's genres that the listener's history also has.
std::string PlayedGenre(const StrategyInput& in, std::uint32_t item) {
  if (!in.profile) return {};
  for (std::uint32_t g : in.items.genres().RowIndices(item)) {
    for (std::uint32_t h : in.profile->items()) {
      auto hg = in.items.genres().RowIndices(h);
      if (std::find(hg.begin(), hg.end(), g) != hg.end()) return in.items.genre_names()[g];
    }
  }
  return {};
}

}  // namespace

std::string ExplainInContext(Strategy lead, const StrategyInput& in, std::uint32_t item) {
  const std::string fit = FitWords(in, item);
  switch (lead) {
    case Strategy::kCollaborative: {
      auto anchor = CollaborativeAnchor(in, item);
      if (!anchor) return fit + ", played by listeners with taste like yours";
      const TrackMeta& m = in.items.meta(*anchor);
      return fit + ", like the " + (m.artist.empty() ? m.name : m.artist) + " you play";
    }
    case Strategy::kSemantic: {
      if (!in.profile) return fit + ", close to your seed tracks";
      std::string genre = PlayedGenre(in, item);
      return genre.empty() ? fit + ", close to what you play" : fit + ", close to the " + genre + " you play";
    }
    case Strategy::kPopular: {
      std::string why = ExplainPopular(in, item);
      why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
      return fit + ": " + why;
    }
    default: return Explain(lead, in, item);
  }
}

}  // namespace echotune::recs
