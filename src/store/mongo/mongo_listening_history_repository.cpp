#include "store/mongo/mongo_listening_history_repository.h"

#include <set>

#include "model/checker.h"
#include "store/index_spec.h"
#include "store/mongo/atomic_write.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kListeningHistory;

Bson NaturalKey(const model::Listen& l) {
  Bson filter;
  AppendOid(filter.get(), "userId", l.user_id);
  AppendString(filter.get(), "trackId", l.track_id);
  AppendTime(filter.get(), "playedAt", l.played_at);
  return filter;
}

// {$setOnInsert: doc without the natural key, which the upsert takes from the filter}.
Bson InsertOnly(const model::Listen& l) {
  auto json = model::ToJson(l);
  for (const char* key : {"userId", "trackId", "playedAt"}) json.erase(key);
  Bson update;
  Bson doc = EncodeDocument(json);
  AppendDoc(update.get(), "$setOnInsert", doc.get());
  return update;
}

Bson UserSince(const core::ObjectId& user_id, core::TimePoint since) {
  Bson match = IdFilter(user_id, "userId");
  AppendDocument(match.get(), "playedAt", [&](bson_t* c) { AppendTime(c, "$gte", since); });
  return match;
}

// Plays and total duration per artist (or per track, with its smallest name).
Bson PlaysGroup(bool by_track) {
  Bson g;
  AppendString(g.get(), "_id", by_track ? "$trackId" : "$artistName");
  AppendDocument(g.get(), "plays", [](bson_t* a) { AppendInt(a, "$sum", 1); });
  AppendDocument(g.get(), "total_ms", [](bson_t* a) { AppendString(a, "$sum", "$durationMs"); });
  AppendDocument(g.get(), "track_name", [](bson_t* a) { AppendString(a, "$min", "$trackName"); });
  AppendDocument(g.get(), "artist_name", [](bson_t* a) { AppendString(a, "$min", "$artistName"); });
  return g;
}

core::Status ValidateBatch(const std::vector<model::Listen>& listens) {
  for (size_t i = 0; i < listens.size(); ++i) {
    if (auto s = model::Validate(listens[i], model::Indexed("listens", i)); !s) return s;
  }
  return core::Ok();
}

}  // namespace

core::Result<std::vector<model::Listen>> MongoListeningHistoryRepository::FindListens(const Bson& filter,
                                                                                      const Bson& opts) const {
  auto docs = CollectionRef(ctx_.pool, kColl).Find(filter, opts);
  if (!docs) return std::move(docs).error();
  std::vector<model::Listen> out;
  for (const auto& doc : *docs) {
    auto listen = model::ListenFromJson(DecodeDocument(BsonView(doc.get())));
    if (!listen) return std::move(listen).error();
    out.push_back(std::move(listen).value());
  }
  return out;
}

core::Result<model::Listen> MongoListeningHistoryRepository::Insert(model::Listen listen) {
  if (auto s = model::Validate(listen); !s) return std::move(s).error();
  if (auto s = ctx_.RequireUser(listen.user_id); !s) return std::move(s).error();
  listen.id = core::ObjectId::Generate();
  listen.created_at = ctx_.Now();
  auto s = CollectionRef(ctx_.pool, kColl).InsertOne(EncodeDocument(model::ToJson(listen)), NoOpts());
  if (!s) return std::move(s).error();
  return listen;
}

core::Result<BatchInsertResult> MongoListeningHistoryRepository::InsertBatch(std::vector<model::Listen> listens) {
  if (auto s = ValidateBatch(listens); !s) return std::move(s).error();
  std::set<core::ObjectId> users;
  for (const auto& l : listens) users.insert(l.user_id);
  for (const auto& u : users) {
    if (auto s = ctx_.RequireUser(u); !s) return std::move(s).error();
  }
  std::vector<std::pair<Bson, Bson>> ops;
  for (auto& l : listens) {
    l.id = core::ObjectId::Generate();
    l.created_at = ctx_.Now();
    ops.emplace_back(NaturalKey(l), InsertOnly(l));
  }
  PooledClient client = ctx_.pool.Checkout();
  UpdateCounts counts;
  auto s = RunAtomically(client.get(), ctx_.transactions, [&](const Bson& opts) -> core::Status {
    auto written = CollectionRef(ctx_.pool, client, kColl).BulkUpsert(ops, opts);
    if (!written) return std::move(written).error();
    counts = *written;
    return core::Ok();
  });
  if (!s) return std::move(s).error();
  auto n = static_cast<int64_t>(listens.size());
  return BatchInsertResult{counts.upserted, n - counts.upserted};
}

core::Result<std::vector<model::Listen>> MongoListeningHistoryRepository::Recent(const core::ObjectId& user_id,
                                                                                 int64_t limit) {
  if (limit <= 0) return std::vector<model::Listen>{};
  return FindListens(IdFilter(user_id, "userId"), SortLimit({{"playedAt", -1}, {"_id", -1}}, limit));
}

core::Result<int64_t> MongoListeningHistoryRepository::CountForUser(const core::ObjectId& user_id) {
  return CollectionRef(ctx_.pool, kColl).Count(IdFilter(user_id, "userId"), NoOpts());
}

core::Result<int64_t> MongoListeningHistoryRepository::Count() {
  return CollectionRef(ctx_.pool, kColl).Count(Bson(), NoOpts());
}

core::Result<std::vector<Bson>> MongoListeningHistoryRepository::PlaysBy(const core::ObjectId& user_id,
                                                                        core::TimePoint since, int64_t limit,
                                                                        bool by_track) const {
  Bson match = UserSince(user_id, since);
  Bson group = PlaysGroup(by_track);
  Bson pipeline;
  AppendArray(pipeline.get(), "pipeline", [&](bson_t* stages) {
    AppendDocument(stages, "0", [&](bson_t* st) { AppendDoc(st, "$match", match.get()); });
    AppendDocument(stages, "1", [&](bson_t* st) { AppendDoc(st, "$group", group.get()); });
    AppendDocument(stages, "2", [&](bson_t* st) {
      AppendDocument(st, "$sort", [&](bson_t* s) {  // the embedded backend's order
        AppendInt(s, "plays", -1);
        AppendInt(s, by_track ? "track_name" : "_id", 1);
        AppendInt(s, "_id", 1);
      });
    });
    AppendDocument(stages, "3", [&](bson_t* st) { AppendInt(st, "$limit", limit); });
  });
  return CollectionRef(ctx_.pool, kColl).Aggregate(pipeline, NoOpts());
}

core::Result<std::vector<ArtistPlays>> MongoListeningHistoryRepository::TopArtists(const core::ObjectId& user_id,
                                                                                   core::TimePoint since,
                                                                                   int64_t limit) {
  if (limit <= 0) return std::vector<ArtistPlays>{};
  auto groups = PlaysBy(user_id, since, limit, false);
  if (!groups) return std::move(groups).error();
  std::vector<ArtistPlays> out;
  for (const auto& g : *groups) {
    BsonView v(g.get());
    out.push_back({v.String("_id").value_or(""), v.Int("plays").value_or(0), v.Int("total_ms").value_or(0)});
  }
  return out;
}

core::Result<std::vector<TrackPlays>> MongoListeningHistoryRepository::TopTracks(const core::ObjectId& user_id,
                                                                                 core::TimePoint since,
                                                                                 int64_t limit) {
  if (limit <= 0) return std::vector<TrackPlays>{};
  auto groups = PlaysBy(user_id, since, limit, true);
  if (!groups) return std::move(groups).error();
  std::vector<TrackPlays> out;
  for (const auto& g : *groups) {
    BsonView v(g.get());
    out.push_back({v.String("_id").value_or(""), v.String("track_name").value_or(""),
                   v.String("artist_name").value_or(""), v.Int("plays").value_or(0), v.Int("total_ms").value_or(0)});
  }
  return out;
}

core::Result<std::vector<model::Listen>> MongoListeningHistoryRepository::ListInRange(const core::ObjectId& user_id,
                                                                                      core::TimePoint from,
                                                                                      core::TimePoint to) {
  Bson filter = IdFilter(user_id, "userId");
  AppendDocument(filter.get(), "playedAt", [&](bson_t* c) {
    AppendTime(c, "$gte", from);
    AppendTime(c, "$lt", to);
  });
  return FindListens(filter, SortLimit({{"playedAt", 1}, {"_id", 1}}));
}

core::Status MongoListeningHistoryRepository::ScanRange(const core::ObjectId& user_id, core::TimePoint from,
                                                        core::TimePoint to,
                                                        const std::function<bool(const PlayRow&)>& fn) {
  auto listens = ListInRange(user_id, from, to);
  if (!listens) return std::move(listens).error();
  for (const model::Listen& l : *listens) {
    if (!fn(PlayRow{l.track_id, l.track_name, l.artist_name, l.played_at, l.duration_ms, l.skip_count})) break;
  }
  return core::Ok();
}

core::Status MongoListeningHistoryRepository::IncrementCounters(const core::ObjectId& listen_id, int64_t skips,
                                                                int64_t repeats) {
  Bson update;
  AppendDocument(update.get(), "$inc", [&](bson_t* inc) {
    AppendInt(inc, "skip_count", skips);
    AppendInt(inc, "repeat_count", repeats);
  });
  auto counts = CollectionRef(ctx_.pool, kColl).UpdateOne(IdFilter(listen_id), update, NoOpts());
  if (!counts) return std::move(counts).error();
  if (counts->matched == 0) return core::Error::NotFound("listen " + listen_id.ToHex() + " not found");
  return core::Ok();
}

core::Status MongoListeningHistoryRepository::Scan(const std::function<bool(const model::Listen&)>& fn) {
  core::Status failure = core::Ok();
  auto s = CollectionRef(ctx_.pool, kColl).ForEach(Bson(), NoOpts(), [&](BsonView doc) {
    auto listen = model::ListenFromJson(DecodeDocument(doc));
    if (!listen) failure = std::move(listen).error();
    return failure.ok() && fn(*listen);
  });
  return s.ok() ? failure : s;
}

}  // namespace echotune::store::mongo
