// What every embedded repository shares: the connection pool, the injected
// clock and the token cipher (all owned by SqliteStore), plus small helpers for
// the document ("doc") column.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "store/analytics_repository.h"
#include "store/chat_sessions_repository.h"
#include "store/listening_history_repository.h"
#include "store/playlists_repository.h"
#include "store/preferences_repository.h"
#include "store/recommendations_repository.h"
#include "store/sqlite/connection_pool.h"
#include "store/token_cipher.h"
#include "store/track_metadata_repository.h"
#include "store/users_repository.h"

namespace echotune::store::sqlite {

struct Context {
  ConnectionPool& pool;
  const core::Clock& clock;
  const TokenCipher& cipher;

  int64_t NowMs() const;
  core::TimePoint Now() const { return clock.Now(); }
  core::ObjectId NewId() const { return core::ObjectId::Generate(clock.Now()); }
};

int64_t Ms(core::TimePoint t);
core::TimePoint FromMs(int64_t ms);

// The doc column: compact JSON text (core::JsonWrite) of a ToJson object.
std::string DocText(const boost::json::object& doc);
// Parses a doc column with the model's FromJson; INTERNAL_ERROR when corrupt.
template <typename FromJson>
auto ParseDoc(std::string_view text, FromJson from_json) -> decltype(from_json(boost::json::value()));
core::Result<boost::json::value> ParseJsonText(std::string_view text);

// Rewrites a validation error of one element of a batch: field "trackId" ->
// "listens[3].trackId".
core::Error Prefixed(core::Error error, const std::string& prefix);

// A "<what> not found" NOT_FOUND error.
core::Error NotFound(std::string_view what);

template <typename FromJson>
auto ParseDoc(std::string_view text, FromJson from_json) -> decltype(from_json(boost::json::value())) {
  auto json = ParseJsonText(text);
  if (!json.ok()) return std::move(json).error();
  auto doc = from_json(*json);
  if (!doc.ok()) return core::Error::Internal("stored document is corrupt: " + doc.error().message);
  return doc;
}

// Runs a query whose first column is a doc and parses every row with from_json.
template <typename FromJson, typename... Args>
auto QueryDocs(Connection& conn, FromJson from_json, std::string_view sql, const Args&... args)
    -> core::Result<std::vector<std::remove_cvref_t<decltype(from_json(boost::json::value()).value())>>> {
  using Doc = std::remove_cvref_t<decltype(from_json(boost::json::value()).value())>;
  auto s = conn.Prepare(sql, args...);
  if (!s.ok()) return std::move(s).error();
  std::vector<Doc> out;
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return out;
    auto doc = ParseDoc(s->TextView(0), from_json);
    if (!doc.ok()) return std::move(doc).error();
    out.push_back(std::move(doc).value());
  }
}

std::unique_ptr<UsersRepository> MakeUsersRepository(const Context& ctx);
std::unique_ptr<ListeningHistoryRepository> MakeListeningHistoryRepository(const Context& ctx);
std::unique_ptr<RecommendationsRepository> MakeRecommendationsRepository(const Context& ctx);
std::unique_ptr<PlaylistsRepository> MakePlaylistsRepository(const Context& ctx);
std::unique_ptr<PreferencesRepository> MakePreferencesRepository(const Context& ctx);
std::unique_ptr<AnalyticsRepository> MakeAnalyticsRepository(const Context& ctx);
std::unique_ptr<ChatSessionsRepository> MakeChatSessionsRepository(const Context& ctx);
std::unique_ptr<TrackMetadataRepository> MakeTrackMetadataRepository(const Context& ctx);

}  // namespace echotune::store::sqlite
