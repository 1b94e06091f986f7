#include "recs/item_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <thread>

namespace echotune::recs {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <typename Map>
std::uint32_t Intern(Map& map, const std::string& key) {
  return map.try_emplace(key, static_cast<std::uint32_t>(map.size())).first->second;
}

}  // namespace

std::shared_ptr<const ItemModel> ItemModel::Build(Inputs in, const ModelConfig& config) {
  auto m = std::make_shared<ItemModel>();
  m->IndexCatalogue(in.catalogue, in.extra_tracks);
  m->StandardiseFeatures();
  m->RankPopularity(in.user_item);
  m->Learn(in.user_item, config);
  return m;
}

void ItemModel::IndexCatalogue(std::span<const Track> catalogue, const std::vector<std::string>& extra) {
  const std::size_t n = catalogue.size() + extra.size();
  meta_.reserve(n);
  std::unordered_map<std::string, std::uint32_t> artists;
  std::vector<Triplet> genres;
  for (const Track& t : catalogue) {
    auto i = static_cast<std::uint32_t>(meta_.size());
    meta_.push_back({t.id, t.name, t.artist, t.artist_id, t.album});
    artist_of_.push_back(Intern(artists, t.artist_id.empty() ? t.artist : t.artist_id));
    catalogue_popularity_.push_back(t.popularity);
    has_features_.push_back(t.features ? 1 : 0);
    explicit_.push_back(t.is_explicit ? 1 : 0);
    raw_features_.push_back(t.features.value_or(AudioFeatures{}));
    for (const std::string& g : t.genres) genres.push_back({i, Intern(genre_index_, Lower(g)), 1.0f});
  }
  for (const std::string& id : extra) {
    meta_.push_back({id, id, "", "", ""});
    artist_of_.push_back(Intern(artists, "track:" + id));  // unknown artist: its own
    catalogue_popularity_.push_back(0);
    has_features_.push_back(0);
    explicit_.push_back(0);
    raw_features_.emplace_back();
  }
  catalogue_size_ = static_cast<std::uint32_t>(catalogue.size());
  for (std::uint32_t i = 0; i < meta_.size(); ++i) index_.emplace(meta_[i].id, i);
  genre_names_.resize(genre_index_.size());
  for (const auto& [name, id] : genre_index_) genre_names_[id] = name;
  item_genres_ = CsrMatrix::FromTriplets(static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(genre_names_.size()),
                                         std::move(genres));
}

// z-scores over the tracks that have features; missing features stay 0 (the mean).
void ItemModel::StandardiseFeatures() {
  const std::size_t n = meta_.size();
  std::array<double, kFeatureCount> sum{}, sq{};
  double count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!has_features_[i]) continue;
    count += 1;
    for (std::size_t f = 0; f < kFeatureCount; ++f) {
      sum[f] += raw_features_[i].values[f];
      sq[f] += double{raw_features_[i].values[f]} * raw_features_[i].values[f];
    }
  }
  for (std::size_t f = 0; f < kFeatureCount; ++f) {
    double mean = count > 0 ? sum[f] / count : 0.0;
    double var = count > 1 ? sq[f] / count - mean * mean : 0.0;
    mean_[f] = static_cast<float>(mean);
    stdev_[f] = static_cast<float>(var > 1e-12 ? std::sqrt(var) : 1.0);
  }
  std_features_.assign(n * kFeatureCount, 0.0f);
  std_columns_.assign(n * kFeatureCount, 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    if (!has_features_[i]) continue;
    for (std::size_t f = 0; f < kFeatureCount; ++f) {
      float z = (raw_features_[i].values[f] - mean_[f]) / stdev_[f];
      std_features_[i * kFeatureCount + f] = z;
      std_columns_[f * n + i] = z;
    }
  }
}

float ItemModel::Standardise(FeatureId f, float raw) const {
  auto k = static_cast<std::size_t>(f);
  return (raw - mean_[k]) / stdev_[k];
}

// Popularity mixes our own listener counts (log-scaled to 0–1) with Spotify's
// 0–100 popularity, so a fresh catalogue still has an order.
void ItemModel::RankPopularity(const CsrMatrix& user_item) {
  const std::size_t n = meta_.size();
  std::vector<float> listeners(n, 0.0f);
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    for (std::uint32_t j : user_item.RowIndices(u)) listeners[j] += 1.0f;
  }
  float mx = listeners.empty() ? 1.0f
                              : std::max(1.0f, *std::max_element(listeners.begin(), listeners.end()));
  popularity_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    popularity_[i] = 0.7f * std::log1p(listeners[i]) / std::log1p(mx) + 0.3f * catalogue_popularity_[i] / 100.0f;
  }
  by_popularity_.resize(n);
  std::iota(by_popularity_.begin(), by_popularity_.end(), 0u);
  std::stable_sort(by_popularity_.begin(), by_popularity_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return popularity_[a] > popularity_[b]; });
}

void ItemModel::Learn(const CsrMatrix& user_item, const ModelConfig& config) {
  // The embeddings are single-threaded; beside the two graph threads they
  // share the cores, and the graphs' work queue evens the load out.
  std::jthread embed([&] { embeddings_ = LearnEmbeddings(user_item, item_genres_, config.embedding); });
  if (user_item.cols() <= config.knn_item_limit) knn_ = ItemKnn(user_item, config.knn);
  rp3_ = Rp3beta(user_item, config.rp3);
  EaseParams ease = config.ease;
  ease.max_items = config.ease_item_limit;
  std::vector<std::uint32_t> listeners(user_item.cols(), 0);
  for (std::uint32_t u = 0; u < user_item.rows(); ++u) {
    for (std::uint32_t j : user_item.RowIndices(u)) ++listeners[j];
  }
  auto supported = std::count_if(listeners.begin(), listeners.end(),
                                 [&](std::uint32_t c) { return c >= ease.min_support; });
  // The dense inverse is O(n³): beyond the limit EASE is left out, not truncated.
  if (supported > 0 && static_cast<std::uint32_t>(supported) <= config.ease_item_limit) {
    ease_ = EaseModel::Fit(user_item, ease);
  }
  wants_lowrank_ease_ = config.ease_lowrank_enabled && static_cast<std::uint32_t>(supported) > config.ease_item_limit;
  if (config.ials_background) return;  // RecEngine fits the rest after the publish
  if (wants_lowrank_ease_) {
    lowrank_ease_.store(std::make_shared<const LowRankEaseModel>(LowRankEaseModel::Fit(user_item, config.ease_lowrank)));
  }
  if (config.ials_enabled && user_item.nnz() > 0) {
    ials_.store(std::make_shared<const IalsModel>(IalsModel::Fit(user_item, config.ials)));
  }
}

std::optional<std::uint32_t> ItemModel::Find(std::string_view track_id) const {
  auto it = index_.find(std::string(track_id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> ItemModel::FindGenre(std::string_view name) const {
  auto it = genre_index_.find(Lower(name));
  if (it == genre_index_.end()) return std::nullopt;
  return it->second;
}

std::size_t ItemModel::MemoryBytes() const {
  std::size_t b = knn_.MemoryBytes() + rp3_.MemoryBytes() + item_genres_.MemoryBytes();
  b += 2 * std_features_.size() * sizeof(float) + raw_features_.size() * sizeof(AudioFeatures);
  b += (2 * embeddings_.item_vectors.size() + embeddings_.tag_vectors.size()) * sizeof(float);
  b += ease_.size() * ease_.size() * sizeof(float);
  if (auto m = ials()) b += m->MemoryBytes();
  if (auto m = lowrank_ease()) b += m->MemoryBytes();
  return b;
}

}  // namespace echotune::recs
