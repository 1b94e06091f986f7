// SpotifySync: the listening sync of issue 11. Every `interval` (config
// SPOTIFY_SYNC_INTERVAL_S, default 300; 0 = off) it walks every user, pulls
// what each Spotify-connected one played since their cursor (GET
// /v1/me/player/recently-played?after=…, pages of 50) and records the plays
// through the path of POST /api/history (ParseListens → RecsService::
// RecordListens: dedup on trackId+playedAt, analytics events, the engine's
// refresh every 5 listens; then the user's cached recommendations are
// invalidated). Users without Spotify tokens are skipped quietly.
//
// The cursor of a user is the newest playedAt recorded by the sync (kept in
// memory; after a restart it starts from the user's newest stored listen), so
// two runs never write a play twice — and the dedup catches any overlap.
//
// Runs on its own thread and io_context; Spotify calls do not block it.
// Thread-safe. REQUIRES: everything passed outlives it; Stop() (or the
// destructor) before the worker pool stops.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "api/api_context.h"
#include "api/recommendation_refresher.h"
#include "api/recs_service.h"
#include "api/spotify_services.h"
#include "recs/rec_engine.h"

namespace echotune::api {

struct SyncSummary {
  int users = 0;          // connected users pulled
  int64_t inserted = 0;   // new listens written
  int64_t duplicates = 0;
  int failures = 0;       // users whose pull or write failed (logged)
};

class SpotifySync final {
 public:
  SpotifySync(ApiContext& ctx, SpotifyServices& spotify, recs::RecEngine& engine,
              RecommendationRefresher& refresher, std::chrono::seconds interval);
  ~SpotifySync();
  SpotifySync(const SpotifySync&) = delete;
  SpotifySync& operator=(const SpotifySync&) = delete;

  // Starts the schedule (first pass after one interval); no-op when interval is 0.
  void Start();
  // One pass now, on the sync's thread; the future is ready when it is done.
  std::future<SyncSummary> RunOnce();
  // Ends the schedule and joins the thread. Idempotent.
  void Stop();

 private:
  boost::asio::awaitable<void> Loop();
  boost::asio::awaitable<SyncSummary> Pass();
  // Adds the user's new plays to `summary`.
  boost::asio::awaitable<void> SyncUser(const core::ObjectId& user, SyncSummary& summary);
  boost::asio::awaitable<int64_t> Cursor(const core::ObjectId& user);

  ApiContext& ctx_;
  SpotifyServices& spotify_;
  RecommendationRefresher& refresher_;
  RecsService svc_;
  const std::chrono::seconds interval_;
  boost::asio::io_context io_;
  boost::asio::steady_timer timer_;
  std::thread thread_;
  std::map<std::string, int64_t> cursors_;  // user → newest synced playedAt (ms); sync thread only
  std::mutex mu_;  // guards stopped_
  bool stopped_ = false;
};

// The body POST /api/history takes, from a RecentlyPlayedShape answer; plays
// at or before `after_ms` are left out. Also returns the newest playedAt (ms).
boost::json::object HistoryBodyFromRecentlyPlayed(const boost::json::object& recently_played,
                                                  int64_t after_ms, int64_t* newest_ms);

}  // namespace echotune::api
