// ItemModel: everything the engine knows about tracks — metadata, standardised
// audio features, genres, the learned neighbour graphs, EASE and embeddings —
// in dense-id arrays. Built once (ItemModel::Build), then immutable (but for a
// cache of context masks) and shared by snapshot (std::shared_ptr<const
// ItemModel>): safe to read from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recs/context_mask.h"
#include "recs/csr_matrix.h"
#include "recs/ease.h"
#include "recs/ease_lowrank.h"
#include "recs/embeddings.h"
#include "recs/ials.h"
#include "recs/model_config.h"
#include "recs/types.h"

namespace echotune::recs {

struct TrackMeta {
  std::string id, name, artist, artist_id, album;
};

class ItemModel {
 public:
  // The catalogue plus every track seen in `user_item` columns (ids in
  // `track_ids` order). user_item holds implicit weights (users × tracks).
  struct Inputs {
    std::span<const Track> catalogue;       // first |catalogue| ids; must outlive Build
    std::vector<std::string> extra_tracks;  // tracks seen in history only
    CsrMatrix user_item;                    // users × (catalogue + extra)
  };
  static std::shared_ptr<const ItemModel> Build(Inputs inputs, const ModelConfig& config);

  std::uint32_t size() const { return static_cast<std::uint32_t>(meta_.size()); }
  std::optional<std::uint32_t> Find(std::string_view track_id) const;
  const TrackMeta& meta(std::uint32_t i) const { return meta_[i]; }
  std::uint32_t artist(std::uint32_t i) const { return artist_of_[i]; }
  float popularity(std::uint32_t i) const { return popularity_[i]; }  // 0–1
  bool has_features(std::uint32_t i) const { return has_features_[i] != 0; }
  const AudioFeatures& features(std::uint32_t i) const { return raw_features_[i]; }
  bool is_explicit(std::uint32_t i) const { return explicit_[i] != 0; }
  // True for catalogue tracks (track_metadata), false for tracks known only
  // from listening history (no metadata, features or genres).
  bool catalogued(std::uint32_t i) const { return i < catalogue_size_; }
  // Standardised features, kFeatureCount floats per item (0 where unknown).
  std::span<const float> standardised() const { return std_features_; }
  // The same values feature-major (kFeatureCount rows of size() floats), so a
  // scan over one feature is a contiguous, vectorisable loop.
  std::span<const float> standardised_column(FeatureId f) const {
    return {std_columns_.data() + static_cast<std::size_t>(f) * meta_.size(), meta_.size()};
  }
  float Standardise(FeatureId f, float raw) const;
  const FeatureArray& feature_mean() const { return mean_; }

  const CsrMatrix& genres() const { return item_genres_; }  // items × genres
  const std::vector<std::string>& genre_names() const { return genre_names_; }
  std::optional<std::uint32_t> FindGenre(std::string_view name) const;
  const CsrMatrix& knn() const { return knn_; }
  const CsrMatrix& rp3() const { return rp3_; }
  const EaseModel& ease() const { return ease_; }
  const Embeddings& embeddings() const { return embeddings_; }
  // iALS factors of this snapshot: null until fitted (in the build, or later
  // on a background thread: ModelConfig::ials_background). Set once by
  // SetIals; readers load the pointer without locking.
  std::shared_ptr<const IalsModel> ials() const { return ials_.load(std::memory_order_acquire); }
  void SetIals(std::shared_ptr<const IalsModel> model) const { ials_.store(std::move(model), std::memory_order_release); }
  // True when more items qualified for EASE than ease_item_limit allows, so
  // the dense model was left out and the low-rank one is wanted.
  bool wants_lowrank_ease() const { return wants_lowrank_ease_; }
  // The low-rank EASE of this snapshot, null until fitted (like ials()).
  std::shared_ptr<const LowRankEaseModel> lowrank_ease() const {
    return lowrank_ease_.load(std::memory_order_acquire);
  }
  void SetLowRankEase(std::shared_ptr<const LowRankEaseModel> model) const {
    lowrank_ease_.store(std::move(model), std::memory_order_release);
  }
  // Item ids by popularity, most popular first.
  const std::vector<std::uint32_t>& by_popularity() const { return by_popularity_; }
  std::size_t MemoryBytes() const;
  // Context masks derived from this snapshot (ContextFilter::Fit); the one
  // mutable part, thread-safe, and gone with the snapshot.
  MaskCache& mask_cache() const { return *mask_cache_; }

 private:
  void IndexCatalogue(std::span<const Track> catalogue, const std::vector<std::string>& extra);
  void StandardiseFeatures();
  void RankPopularity(const CsrMatrix& user_item);
  void Learn(const CsrMatrix& user_item, const ModelConfig& config);

  std::vector<TrackMeta> meta_;
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::uint32_t> artist_of_;
  std::vector<float> popularity_;
  std::vector<int> catalogue_popularity_;
  std::vector<std::uint8_t> has_features_;
  std::vector<std::uint8_t> explicit_;
  std::uint32_t catalogue_size_ = 0;
  std::vector<AudioFeatures> raw_features_;
  std::vector<float> std_features_;
  std::vector<float> std_columns_;
  FeatureArray mean_{}, stdev_{};
  CsrMatrix item_genres_;
  std::vector<std::string> genre_names_;
  std::unordered_map<std::string, std::uint32_t> genre_index_;
  CsrMatrix knn_, rp3_;
  EaseModel ease_;
  Embeddings embeddings_;
  std::vector<std::uint32_t> by_popularity_;
  std::unique_ptr<MaskCache> mask_cache_ = std::make_unique<MaskCache>();
  mutable std::atomic<std::shared_ptr<const IalsModel>> ials_;
  bool wants_lowrank_ease_ = false;
  mutable std::atomic<std::shared_ptr<const LowRankEaseModel>> lowrank_ease_;
};

}  // namespace echotune::recs
