#include "store/mongo/mongo_track_metadata_repository.h"

#include <algorithm>
#include <map>

#include "store/index_spec.h"
#include "store/mongo/atomic_write.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kTrackMetadata;

core::Error Prefixed(core::Error error, const std::string& prefix) {
  if (error.code != core::ErrorCode::kValidationError) return error;
  std::string field = error.details.contains("field") ? std::string(error.details["field"].as_string()) : "";
  error.details["field"] = prefix + field;
  error.message = prefix + error.message;
  return error;
}

Bson SpotifyIdFilter(std::string_view spotify_id) {
  Bson filter;
  AppendString(filter.get(), "spotifyId", spotify_id);
  return filter;
}

Bson SpotifyIdsFilter(const std::vector<std::string>& ids) {
  Bson filter;
  AppendDocument(filter.get(), "spotifyId", [&](bson_t* in) { AppendStrings(in, "$in", ids); });
  return filter;
}

}  // namespace

core::Result<std::vector<model::TrackMetadata>> MongoTrackMetadataRepository::FindTracks(const Bson& filter,
                                                                                        const Bson& opts) const {
  std::vector<model::TrackMetadata> out;
  core::Status failure = core::Ok();
  auto s = CollectionRef(ctx_.pool, kColl).ForEach(filter, opts, [&](BsonView doc) {
    auto t = model::TrackMetadataFromJson(DecodeDocument(doc));
    if (!t) failure = std::move(t).error();
    else out.push_back(std::move(t).value());
    return failure.ok();
  });
  if (!s) return std::move(s).error();
  if (!failure) return std::move(failure).error();
  return out;
}

// Folds `tracks` (in order) into `merged`, which starts as the stored tracks;
// returns the spotifyIds in first-seen order.
std::vector<std::string> MongoTrackMetadataRepository::Merge(std::vector<model::TrackMetadata> tracks,
                                                             std::map<std::string, model::TrackMetadata>& merged) const {
  std::vector<std::string> order;
  core::TimePoint now = ctx_.Now();
  for (auto& t : tracks) {
    model::DeriveReleaseYear(t);
    auto it = merged.find(t.spotify_id);
    if (it != merged.end()) {
      it->second = model::MergeTrack(it->second, t);
    } else {
      t.id = core::ObjectId::Generate(now);
      t.created_at = now;
      it = merged.emplace(t.spotify_id, std::move(t)).first;
    }
    it->second.updated_at = now;
    if (std::find(order.begin(), order.end(), it->first) == order.end()) order.push_back(it->first);
  }
  return order;
}

core::Result<std::vector<model::TrackMetadata>> MongoTrackMetadataRepository::Write(
    std::vector<model::TrackMetadata> tracks) {
  std::vector<std::string> ids;
  for (const auto& t : tracks) ids.push_back(t.spotify_id);
  auto stored = FindTracks(SpotifyIdsFilter(ids), NoOpts());
  if (!stored) return std::move(stored).error();
  std::map<std::string, model::TrackMetadata> merged;
  for (auto& s : *stored) merged.emplace(s.spotify_id, std::move(s));
  std::vector<std::pair<Bson, Bson>> ops;
  std::vector<model::TrackMetadata> written;
  for (const auto& id : Merge(std::move(tracks), merged)) {
    ops.emplace_back(SpotifyIdFilter(id), EncodeDocument(model::ToJson(merged.at(id))));
    written.push_back(merged.at(id));
  }
  PooledClient client = ctx_.pool.Checkout();
  auto s = RunAtomically(client.get(), ctx_.transactions, [&](const Bson& opts) -> core::Status {
    auto counts = CollectionRef(ctx_.pool, client, kColl).BulkUpsert(ops, opts, /*replace=*/true);
    return counts ? core::Ok() : core::Status(std::move(counts).error());
  });
  if (!s) return std::move(s).error();
  return written;
}

core::Result<model::TrackMetadata> MongoTrackMetadataRepository::Upsert(model::TrackMetadata track) {
  if (auto s = model::Validate(track); !s) return std::move(s).error();
  auto written = Write({std::move(track)});
  if (!written) return std::move(written).error();
  return std::move(written->front());
}

core::Result<int64_t> MongoTrackMetadataRepository::UpsertMany(std::vector<model::TrackMetadata> tracks) {
  for (size_t i = 0; i < tracks.size(); ++i) {
    auto s = model::Validate(tracks[i]);
    if (!s) return Prefixed(std::move(s).error(), "tracks[" + std::to_string(i) + "].");
  }
  if (tracks.empty()) return int64_t{0};
  auto n = static_cast<int64_t>(tracks.size());
  auto written = Write(std::move(tracks));
  if (!written) return std::move(written).error();
  return n;
}

core::Result<model::TrackMetadata> MongoTrackMetadataRepository::Get(std::string_view spotify_id) {
  auto found = FindTracks(SpotifyIdFilter(spotify_id), SortLimit({}, 1));
  if (!found) return std::move(found).error();
  if (found->empty()) return core::Error::NotFound("track " + std::string(spotify_id) + " not found");
  return std::move(found->front());
}

core::Result<std::vector<model::TrackMetadata>> MongoTrackMetadataRepository::GetMany(
    const std::vector<std::string>& spotify_ids) {
  if (spotify_ids.empty()) return std::vector<model::TrackMetadata>{};
  auto found = FindTracks(SpotifyIdsFilter(spotify_ids), NoOpts());
  if (!found) return std::move(found).error();
  std::map<std::string, model::TrackMetadata> by_id;
  for (auto& t : *found) by_id.emplace(t.spotify_id, std::move(t));
  std::vector<model::TrackMetadata> out;
  for (const auto& id : spotify_ids) {
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(it->second);
  }
  return out;
}

core::Result<std::vector<model::TrackMetadata>> MongoTrackMetadataRepository::Filter(const TrackFilter& f) {
  if (f.limit <= 0) return std::vector<model::TrackMetadata>{};
  Bson filter;
  for (const auto& r : f.ranges) {
    std::string path = "audioFeatures." + std::string(model::FeatureName(r.feature));
    AppendDocument(filter.get(), path, [&](bson_t* c) {
      AppendDouble(c, "$gte", r.min);
      AppendDouble(c, "$lte", r.max);
    });
  }
  if (f.min_popularity) {
    AppendDocument(filter.get(), "popularity", [&](bson_t* c) { AppendInt(c, "$gte", *f.min_popularity); });
  }
  if (!f.genres.empty()) {
    AppendDocument(filter.get(), "genres", [&](bson_t* in) { AppendStrings(in, "$in", f.genres); });
  }
  // Descending popularity puts documents without one last, as the embedded backend does.
  return FindTracks(filter, SortLimit({{"popularity", -1}, {"spotifyId", 1}}, f.limit));
}

core::Result<int64_t> MongoTrackMetadataRepository::Count() {
  return CollectionRef(ctx_.pool, kColl).Count(Bson(), NoOpts());
}

core::Status MongoTrackMetadataRepository::Scan(const std::function<bool(const model::TrackMetadata&)>& fn) {
  core::Status failure = core::Ok();
  auto s = CollectionRef(ctx_.pool, kColl).ForEach(Bson(), NoOpts(), [&](BsonView doc) {
    auto t = model::TrackMetadataFromJson(DecodeDocument(doc));
    if (!t) failure = std::move(t).error();
    return failure.ok() && fn(*t);
  });
  return s.ok() ? failure : s;
}

}  // namespace echotune::store::mongo
