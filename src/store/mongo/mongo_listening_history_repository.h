// ListeningHistoryRepository on MongoDB (echotune_listening_history).
// Dedup on (userId, trackId, playedAt) is the unique index of the table;
// batches are ordered upserts with $setOnInsert keyed on those three fields,
// inside a transaction when the deployment has them (see atomic_write.h for
// the standalone guarantee). Thread-safe.
#pragma once

#include "store/listening_history_repository.h"
#include "store/mongo/mongo_context.h"

namespace echotune::store::mongo {

class MongoListeningHistoryRepository final : public ListeningHistoryRepository {
 public:
  // REQUIRES: `ctx` outlives this object.
  explicit MongoListeningHistoryRepository(const MongoContext& ctx) : ctx_(ctx) {}

  core::Result<model::Listen> Insert(model::Listen listen) override;
  core::Result<BatchInsertResult> InsertBatch(std::vector<model::Listen> listens) override;
  core::Result<std::vector<model::Listen>> Recent(const core::ObjectId& user_id, int64_t limit) override;
  core::Result<int64_t> CountForUser(const core::ObjectId& user_id) override;
  core::Result<int64_t> Count() override;
  core::Result<std::vector<ArtistPlays>> TopArtists(const core::ObjectId& user_id, core::TimePoint since,
                                                    int64_t limit) override;
  core::Result<std::vector<TrackPlays>> TopTracks(const core::ObjectId& user_id, core::TimePoint since,
                                                  int64_t limit) override;
  core::Result<std::vector<model::Listen>> ListInRange(const core::ObjectId& user_id, core::TimePoint from,
                                                       core::TimePoint to) override;
  core::Status IncrementCounters(const core::ObjectId& listen_id, int64_t skips, int64_t repeats) override;
  core::Status Scan(const std::function<bool(const model::Listen&)>& fn) override;
  // ListInRange's documents, one at a time (mongo-wire and small deployments;
  // no projection).
  core::Status ScanRange(const core::ObjectId& user_id, core::TimePoint from, core::TimePoint to,
                         const std::function<bool(const PlayRow&)>& fn) override;

 private:
  core::Result<std::vector<model::Listen>> FindListens(const Bson& filter, const Bson& opts) const;
  core::Result<std::vector<Bson>> PlaysBy(const core::ObjectId& user_id, core::TimePoint since, int64_t limit,
                                          bool by_track) const;

  const MongoContext& ctx_;
};

}  // namespace echotune::store::mongo
