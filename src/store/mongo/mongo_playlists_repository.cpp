#include "store/mongo/mongo_playlists_repository.h"

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kPlaylists;

Bson Encode(const model::Playlist& p) { return EncodeDocument(model::ToJson(p)); }

}  // namespace

void MongoPlaylistsRepository::Normalise(model::Playlist& p) const {
  for (auto& t : p.tracks) {
    if (t.added_at == core::TimePoint{}) t.added_at = ctx_.Now();
  }
  model::Renumber(p);
}

core::Result<std::vector<model::Playlist>> MongoPlaylistsRepository::FindPlaylists(const Bson& filter,
                                                                                  const Bson& opts) const {
  auto docs = CollectionRef(ctx_.pool, kColl).Find(filter, opts);
  if (!docs) return std::move(docs).error();
  std::vector<model::Playlist> out;
  for (const auto& doc : *docs) {
    auto p = model::PlaylistFromJson(DecodeDocument(BsonView(doc.get())));
    if (!p) return std::move(p).error();
    out.push_back(std::move(p).value());
  }
  return out;
}

core::Result<model::Playlist> MongoPlaylistsRepository::Create(model::Playlist p) {
  p.created_at = p.updated_at = ctx_.Now();
  p.id = core::ObjectId::Generate(p.created_at);
  Normalise(p);
  if (auto s = model::Validate(p); !s) return std::move(s).error();
  if (auto s = ctx_.RequireUser(p.user_id); !s) return std::move(s).error();
  if (auto s = CollectionRef(ctx_.pool, kColl).InsertOne(Encode(p), NoOpts()); !s) return std::move(s).error();
  return p;
}

core::Result<model::Playlist> MongoPlaylistsRepository::Get(const core::ObjectId& id) {
  auto list = FindPlaylists(IdFilter(id), NoOpts());
  if (!list) return std::move(list).error();
  if (list->empty()) return core::Error::NotFound("playlist " + id.ToHex() + " not found");
  return std::move(list->front());
}

// Load, change, validate, then replace only if the document is still the one
// that was loaded (compare-and-set on its whole content; retried).
core::Result<model::Playlist> MongoPlaylistsRepository::Modify(
    const core::ObjectId& id, const std::function<void(model::Playlist&)>& change) {
  for (int attempt = 0; attempt < kCasAttempts; ++attempt) {
    if (attempt > 0) CasPause(attempt);
    auto p = Get(id);
    if (!p) return p;
    Bson filter = Encode(*p);  // the whole stored document: matches only if nobody wrote since
    change(*p);
    p->updated_at = ctx_.Now();
    Normalise(*p);
    if (auto s = model::Validate(*p); !s) return std::move(s).error();
    auto counts = CollectionRef(ctx_.pool, kColl).ReplaceOne(filter, Encode(*p), NoOpts());
    if (!counts) return std::move(counts).error();
    if (counts->matched == 1) return p;
  }
  return core::Error::Conflict("playlist " + id.ToHex() + " changed concurrently; try again");
}

core::Result<model::Playlist> MongoPlaylistsRepository::ReplaceTracks(const core::ObjectId& id,
                                                                      std::vector<model::PlaylistTrack> tracks) {
  return Modify(id, [&](model::Playlist& p) { p.tracks = tracks; });
}

core::Result<model::Playlist> MongoPlaylistsRepository::UpdateInfo(const core::ObjectId& id,
                                                                   const std::optional<std::string>& name,
                                                                   const std::optional<std::string>& description) {
  return Modify(id, [&](model::Playlist& p) {
    if (name) p.name = *name;
    if (description) p.description = description;
  });
}

core::Status MongoPlaylistsRepository::SetSpotifyPlaylistId(const core::ObjectId& id,
                                                            const std::string& spotify_playlist_id) {
  auto p = Modify(id, [&](model::Playlist& pl) { pl.spotify_playlist_id = spotify_playlist_id; });
  if (!p) return std::move(p).error();
  return core::Ok();
}

core::Status MongoPlaylistsRepository::Delete(const core::ObjectId& id) {
  auto n = CollectionRef(ctx_.pool, kColl).DeleteOne(IdFilter(id), NoOpts());
  if (!n) return std::move(n).error();
  if (*n == 0) return core::Error::NotFound("playlist " + id.ToHex() + " not found");
  return core::Ok();
}

core::Result<Page<model::Playlist>> MongoPlaylistsRepository::ListByUser(const core::ObjectId& user_id,
                                                                         int64_t offset, int64_t limit) {
  Page<model::Playlist> page;
  auto total = CollectionRef(ctx_.pool, kColl).Count(IdFilter(user_id, "userId"), NoOpts());
  if (!total) return std::move(total).error();
  page.total = *total;
  if (limit <= 0) return page;
  auto items = FindPlaylists(IdFilter(user_id, "userId"),
                             SortLimit({{"createdAt", -1}, {"_id", -1}}, limit, std::max<int64_t>(offset, 0)));
  if (!items) return std::move(items).error();
  page.items = std::move(items).value();
  return page;
}

// $text: words are OR-ed and stemmed (as the embedded backend's FTS5 query is);
// best textScore first, newest first among equals.
core::Result<std::vector<model::Playlist>> MongoPlaylistsRepository::Search(const core::ObjectId& user_id,
                                                                            const std::string& query,
                                                                            int64_t limit) {
  if (limit <= 0 || query.find_first_not_of(" \t\r\n") == std::string::npos) return std::vector<model::Playlist>{};
  Bson filter = IdFilter(user_id, "userId");
  AppendDocument(filter.get(), "$text", [&](bson_t* t) { AppendString(t, "$search", query); });
  Bson opts;
  AppendDocument(opts.get(), "projection", [](bson_t* p) {
    AppendDocument(p, "score", [](bson_t* m) { AppendString(m, "$meta", "textScore"); });
  });
  AppendDocument(opts.get(), "sort", [](bson_t* s) {
    AppendDocument(s, "score", [](bson_t* m) { AppendString(m, "$meta", "textScore"); });
    AppendInt(s, "createdAt", -1);
    AppendInt(s, "_id", -1);
  });
  AppendInt(opts.get(), "limit", limit);
  return FindPlaylists(filter, opts);
}

}  // namespace echotune::store::mongo
