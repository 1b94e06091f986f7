#include "recs/context_filter.h"

#include <algorithm>
#include <array>

namespace echotune::recs {
namespace {

constexpr std::array<float, ContextFilter::kSteps> kWidening = {0.0f, 0.05f, 0.1f, 0.2f};
constexpr std::size_t kMaxClosestGenres = 24;
constexpr float kTempoScale = ContextFilter::kTempoScale;

// Raw units per 0–1 unit, so one widening applies to every feature alike.
float FeatureScale(FeatureId f) {
  switch (f) {
    case FeatureId::kTempo:
      return kTempoScale;
    case FeatureId::kLoudness:
      return 30.0f;
    case FeatureId::kKey:
      return 11.0f;
    case FeatureId::kTimeSignature:
      return 5.0f;
    default:
      return 1.0f;
  }
}

bool Generic(const std::string& word) {
  return word.size() < 3 || word == "music" || word == "and" || word == "the";
}

bool HasWord(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// The catalogue genres closest to an unknown name: those containing all its
// words, else those containing any of its (non-generic) words.
std::vector<std::uint32_t> Closest(const ItemModel& items, const std::vector<std::string>& words) {
  std::vector<std::uint32_t> all, any;
  for (std::uint32_t g = 0; g < items.genre_names().size(); ++g) {
    std::vector<std::string> gw = Words(items.genre_names()[g]);
    bool every = !words.empty(), some = false;
    for (const std::string& w : words) {
      bool has = HasWord(gw, w);
      every = every && has;
      some = some || (has && !Generic(w));
    }
    if (every) all.push_back(g);
    if (some) any.push_back(g);
  }
  std::vector<std::uint32_t>& out = all.empty() ? any : all;
  if (out.size() > kMaxClosestGenres) out.resize(kMaxClosestGenres);
  return out;
}

}  // namespace

float ContextFilter::Widening(int step) { return kWidening[static_cast<std::size_t>(step)]; }

ContextFilter::ContextFilter(const ItemModel& items, const RecRequest& request, bool personal)
    : items_(items) {
  if (const Mood* mood = FindMood(request.mood)) {
    for (const FeatureBand& b : mood->bands)
      bands_.push_back({b.feature, b.lo, b.hi, FeatureScale(b.feature)});
    tempo_ = std::pair{mood->tempo_min, mood->tempo_max};
  }
  for (const auto& [f, raw] : request.targets) {
    const float tol = kTargetTolerance * FeatureScale(f);
    bands_.push_back({f, raw - tol, raw + tol, FeatureScale(f)});
  }
  required_ = Resolve(request.seed_genres, true);
  std::vector<std::uint32_t> favourite =
      Resolve(request.settings.favorite_genres, !personal && required_.empty());
  favourite_ = favourite;
  if (!personal && required_.empty()) required_ = std::move(favourite);
  disliked_ = Resolve(request.settings.disliked_genres, false);
  no_explicit_ = !request.settings.allow_explicit;
}

std::vector<std::uint32_t> ContextFilter::Resolve(const std::vector<std::string>& names,
                                                  bool report) {
  std::vector<std::uint32_t> out;
  for (const std::string& name : names) {
    GenreMatch match{name, {}, false};
    std::vector<std::uint32_t> ids;
    if (auto g = items_.FindGenre(name)) {
      ids.push_back(*g);
      match.exact = true;
    } else {
      ids = Closest(items_, Words(name));
    }
    for (std::uint32_t g : ids) match.matched.push_back(items_.genre_names()[g]);
    out.insert(out.end(), ids.begin(), ids.end());
    if (report) matches_.push_back(std::move(match));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool ContextFilter::InAny(std::uint32_t item, const std::vector<std::uint32_t>& genres) const {
  if (genres.empty()) return false;
  for (std::uint32_t g : items_.genres().RowIndices(item)) {
    if (std::binary_search(genres.begin(), genres.end(), g)) return true;
  }
  return false;
}

bool ContextFilter::FitsBands(std::uint32_t item, float widening) const {
  if (!banded()) return true;
  if (!items_.has_features(item)) return false;
  const AudioFeatures& f = items_.features(item);
  for (const Band& b : bands_) {
    const float v = f.Get(b.feature), margin = widening * b.scale;
    if (v < b.lo - margin || v > b.hi + margin) return false;
  }
  if (tempo_) {
    const float v = f.Get(FeatureId::kTempo), margin = widening * kTempoScale;
    if (v < tempo_->first - margin || v > tempo_->second + margin) return false;
  }
  return true;
}

std::shared_ptr<const ContextFilter::Mask> ContextFilter::Fit(int step, bool with_genres,
                                                              bool with_bands) const {
  return items_.mask_cache().GetOrMake(Key(step, with_genres, with_bands),
                                       [&] { return Scan(step, with_genres, with_bands); });
}

std::string ContextFilter::Key(int step, bool with_genres, bool with_bands) const {
  std::string key;
  auto put = [&key](const auto& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  };
  auto put_ids = [&](const std::vector<std::uint32_t>& ids) {
    put(ids.size());
    for (std::uint32_t g : ids) put(g);
  };
  put(step), put(with_genres), put(with_bands), put(no_explicit_);
  put(bands_.size());
  for (const Band& b : bands_) put(b.feature), put(b.lo), put(b.hi);
  put(tempo_.has_value());
  if (tempo_) put(tempo_->first), put(tempo_->second);
  put_ids(with_genres ? required_ : std::vector<std::uint32_t>{});
  put_ids(disliked_);
  return key;
}

ContextFilter::Mask ContextFilter::Scan(int step, bool with_genres, bool with_bands) const {
  Mask mask;
  mask.allowed.assign(items_.size(), 0);
  const float widening = Widening(step);
  for (std::uint32_t i = 0; i < items_.size(); ++i) {
    if (no_explicit_ && items_.is_explicit(i)) continue;
    if (InAny(i, disliked_)) continue;
    if (with_genres && !required_.empty() && !InAny(i, required_)) continue;
    if (with_bands && !FitsBands(i, widening)) continue;
    mask.allowed[i] = 1;
    mask.ids.push_back(i);
    mask.count += items_.catalogued(i) ? 1 : 0;
  }
  return mask;
}

}  // namespace echotune::recs
