#include "api/spotify_sync.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/listen_input.h"
#include "core/time_format.h"
#include "spotify/shapes.h"

namespace echotune::api {
namespace {

namespace json = boost::json;
using boost::asio::awaitable;

int64_t Ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

constexpr int kPage = 50;
constexpr int kMaxPages = 20;

}  // namespace

json::object HistoryBodyFromRecentlyPlayed(const json::object& rp, int64_t after_ms, int64_t* newest_ms) {
  json::array listens;
  const json::value* items = rp.if_contains("items");
  if (items && items->is_array()) {
    for (const auto& it : items->as_array()) {
      std::string played = spotify::StringAt(it, "playedAt");
      auto when = core::ParseIso8601(played);
      const json::value& track = spotify::At(it, "track");
      std::string id = spotify::StringAt(track, "trackId");
      if (!when || id.empty() || Ms(*when) <= after_ms) continue;
      *newest_ms = std::max(*newest_ms, Ms(*when));
      json::object listen{{"trackId", id},
                          {"playedAt", played},
                          {"trackName", spotify::StringAt(track, "name")},
                          {"artistName", spotify::StringAt(track, "artist")},
                          {"albumName", spotify::StringAt(track, "album")}};
      if (const json::value& d = spotify::At(track, "durationMs"); d.is_int64()) listen["durationMs"] = d;
      std::string type = spotify::StringAt(spotify::At(it, "context"), "type");
      if (type == "playlist" || type == "album" || type == "artist") {
        listen["context"] = json::object{{"contextType", type},
                                         {"contextUri", spotify::StringAt(spotify::At(it, "context"), "uri")}};
      }
      listens.push_back(std::move(listen));
    }
  }
  return {{"listens", std::move(listens)}};
}

SpotifySync::SpotifySync(ApiContext& ctx, SpotifyServices& spotify, recs::RecEngine& engine,
                         RecommendationRefresher& refresher, std::chrono::seconds interval)
    : ctx_(ctx),
      spotify_(spotify),
      refresher_(refresher),
      svc_(ctx.store, engine, ctx.clock),
      interval_(interval),
      timer_(io_) {
  thread_ = std::thread([this] {
    auto guard = boost::asio::make_work_guard(io_);
    io_.run();
  });
}

SpotifySync::~SpotifySync() { Stop(); }

void SpotifySync::Start() {
  if (interval_.count() <= 0) return;
  boost::asio::co_spawn(io_, Loop(), boost::asio::detached);
}

void SpotifySync::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

std::future<SyncSummary> SpotifySync::RunOnce() {
  auto promise = std::make_shared<std::promise<SyncSummary>>();
  auto future = promise->get_future();
  boost::asio::co_spawn(io_, Pass(), [promise](std::exception_ptr e, SyncSummary s) {
    if (e) {
      promise->set_exception(e);
    } else {
      promise->set_value(s);
    }
  });
  return future;
}

awaitable<void> SpotifySync::Loop() {
  for (;;) {
    timer_.expires_after(interval_);
    boost::system::error_code ec;
    co_await timer_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec) co_return;
    SyncSummary s = co_await Pass();
    if (s.inserted > 0 || s.failures > 0) {
      spdlog::info("spotify sync: {} users, {} new listens, {} failures", s.users, s.inserted, s.failures);
    }
  }
}

awaitable<SyncSummary> SpotifySync::Pass() {
  SyncSummary summary;
  auto ids = co_await ctx_.workers.Run([this] { return ctx_.store.users().ListIds(); });
  if (!ids.ok()) {
    spdlog::error("spotify sync: cannot list users: {}", ids.error().message);
    ++summary.failures;
    co_return summary;
  }
  for (const auto& id : *ids) co_await SyncUser(id, summary);
  co_return summary;
}

awaitable<int64_t> SpotifySync::Cursor(const core::ObjectId& user) {
  if (auto it = cursors_.find(user.ToHex()); it != cursors_.end()) co_return it->second;
  auto newest = co_await ctx_.workers.Run([&] { return ctx_.store.listens().Recent(user, 1); });
  int64_t cursor = newest.ok() && !newest->empty() ? Ms(newest->front().played_at) : 0;
  cursors_[user.ToHex()] = cursor;
  co_return cursor;
}

awaitable<void> SpotifySync::SyncUser(const core::ObjectId& user, SyncSummary& summary) {
  const std::string uid = user.ToHex();
  auto tokens = co_await spotify_.token_store.Load(uid);
  if (!tokens.ok() || tokens->refresh_token.empty()) co_return;  // not connected
  ++summary.users;
  int64_t cursor = co_await Cursor(user);
  for (int page = 0; page < kMaxPages; ++page) {
    auto rp = co_await spotify_.player.RecentlyPlayed(uid, kPage, cursor > 0 ? std::optional(cursor) : std::nullopt);
    if (!rp.ok()) {
      if (rp.error().code != core::ErrorCode::kSpotifyAuthRequired) {
        spdlog::warn("spotify sync of {} failed: {}", uid, rp.error().message);
        ++summary.failures;
      }
      co_return;
    }
    int64_t newest = cursor;
    json::object body = HistoryBodyFromRecentlyPlayed(*rp, cursor, &newest);
    size_t n = body.at("listens").as_array().size();
    if (n == 0) co_return;
    auto inputs = ParseListens(body);
    if (!inputs.ok()) {
      spdlog::warn("spotify sync of {}: unusable plays: {}", uid, inputs.error().message);
      ++summary.failures;
      co_return;
    }
    auto hold = refresher_.HoldUser(uid);
    auto written = co_await ctx_.workers.Run([&] { return svc_.RecordListens(user, std::move(*inputs)); });
    if (!written.ok()) {
      spdlog::warn("spotify sync of {}: not recorded: {}", uid, written.error().message);
      ++summary.failures;
      co_return;
    }
    co_await ctx_.cache.InvalidateUserRecs(uid);
    summary.inserted += written->inserted;
    summary.duplicates += written->duplicates;
    cursor = newest;
    cursors_[uid] = cursor;
    if (n < static_cast<size_t>(kPage)) co_return;
  }
}

}  // namespace echotune::api
