// ListeningHistoryRepository: echotune_listening_history. Blocking, thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/listen.h"

namespace echotune::store {

struct BatchInsertResult {
  int64_t inserted = 0;
  int64_t duplicates = 0;  // same (userId, trackId, playedAt) as a stored or earlier listen
};

struct ArtistPlays {
  std::string artist_name;
  int64_t plays = 0;
  int64_t total_ms = 0;  // sum of durationMs
};

struct TrackPlays {
  std::string track_id;
  std::string track_name;
  std::string artist_name;
  int64_t plays = 0;
  int64_t total_ms = 0;
};

// One listen as the listening report reads it (issue 16): the string views are
// valid only during the callback that receives the row.
struct PlayRow {
  std::string_view track_id;
  std::string_view track_name;
  std::string_view artist_name;
  core::TimePoint played_at{};
  int64_t duration_ms = 0;
  int64_t skip_count = 0;
};

class ListeningHistoryRepository {
 public:
  virtual ~ListeningHistoryRepository() = default;

  // Stores one listen (new _id; createdAt = now). VALIDATION_ERROR; NOT_FOUND when
  // the user does not exist; CONFLICT when (userId, trackId, playedAt) exists.
  virtual core::Result<model::Listen> Insert(model::Listen listen) = 0;
  // All or nothing: validates every listen (field "listens[i].…") and checks every
  // userId exists (NOT_FOUND) before writing; then inserts in one transaction,
  // skipping duplicates of stored listens or of earlier ones in the batch.
  virtual core::Result<BatchInsertResult> InsertBatch(std::vector<model::Listen> listens) = 0;
  // The user's most recent `limit` listens, newest first.
  virtual core::Result<std::vector<model::Listen>> Recent(const core::ObjectId& user_id,
                                                          int64_t limit) = 0;
  virtual core::Result<int64_t> CountForUser(const core::ObjectId& user_id) = 0;
  virtual core::Result<int64_t> Count() = 0;
  // Plays per artist / per track with playedAt >= since, most played first
  // (ties by name), at most `limit`.
  virtual core::Result<std::vector<ArtistPlays>> TopArtists(const core::ObjectId& user_id,
                                                            core::TimePoint since,
                                                            int64_t limit) = 0;
  virtual core::Result<std::vector<TrackPlays>> TopTracks(const core::ObjectId& user_id,
                                                          core::TimePoint since,
                                                          int64_t limit) = 0;
  // The user's listens with from <= playedAt < to, oldest first.
  virtual core::Result<std::vector<model::Listen>> ListInRange(const core::ObjectId& user_id,
                                                               core::TimePoint from,
                                                               core::TimePoint to) = 0;
  // Calls fn for each of the user's listens with from <= playedAt < to, oldest
  // first, until it returns false: ListInRange without building documents (the
  // reports read a year of listens). fn must not call back into the store.
  virtual core::Status ScanRange(const core::ObjectId& user_id, core::TimePoint from, core::TimePoint to,
                                 const std::function<bool(const PlayRow&)>& fn) = 0;
  // Adds to skip_count / repeat_count of one listen. NOT_FOUND when absent.
  virtual core::Status IncrementCounters(const core::ObjectId& listen_id, int64_t skips,
                                         int64_t repeats) = 0;
  // Calls fn for every listen (no particular order) until it returns false.
  // fn runs on the calling thread; it must not call back into the store.
  virtual core::Status Scan(const std::function<bool(const model::Listen&)>& fn) = 0;
};

}  // namespace echotune::store
