// A request body as the pipeline reads it (http::ParseJsonBody: depth limit,
// forbidden '$'/'.' and server-owned keys) into every API body parser, as the
// handlers do; and the same JSON, parsed as the store's documents are (ids,
// owners and timestamps included), into every model document type
// (FromJson, Validate, ToJson and back).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api/chat_turn_input.h"
#include "api/generate_request.h"
#include "api/listen_input.h"
#include "api/playlist_edit.h"
#include "api/spotify_input.h"
#include "fuzz/fuzz_util.h"
#include "http/json_body.h"
#include "model/analytics_event.h"
#include "model/chat_session.h"
#include "model/listen.h"
#include "model/playlist.h"
#include "model/recommendation.h"
#include "model/track_metadata.h"
#include "model/user.h"
#include "model/user_preferences.h"

namespace {

using namespace echotune;

// FromJson → Validate → ToJson → FromJson: what a store round trip does.
template <typename Parse>
void Document(const boost::json::value& v, Parse parse) {
  auto doc = parse(v);
  if (!doc.ok()) return;
  (void)model::Validate(*doc);
  boost::json::value again = model::ToJson(*doc);
  (void)boost::json::serialize(again);
  (void)parse(again);
}

void Models(const boost::json::value& v) {
  Document(v, model::ListenFromJson);
  Document(v, model::PlaylistFromJson);
  Document(v, model::RecommendationFromJson);
  Document(v, model::TrackMetadataFromJson);
  Document(v, model::UserFromJson);
  Document(v, model::UserPreferencesFromJson);
  Document(v, model::ChatSessionFromJson);
  Document(v, model::AnalyticsEventFromJson);
  if (auto m = model::ChatMessageFromJson(v); m.ok()) (void)model::Validate(*m);
  if (auto p = model::PreferencesPatchFromJson(v); p.ok()) {
    (void)model::Validate(*p);
    model::UserPreferences prefs;
    model::ApplyPatch(prefs, *p);
    (void)model::Validate(prefs);
  }
  (void)model::PlaylistTracksFromJson(v);
}

void ApiBodies(const boost::json::value& v) {
  if (auto listens = api::ParseListens(v); listens.ok()) {
    for (const auto& in : *listens) (void)model::Validate(in.listen);
  }
  (void)api::ParseChatTurn(v);
  (void)api::ParseGenerateRequest(v);
  if (auto edit = api::ParsePlaylistEdit(v); edit.ok()) {
    std::vector<model::PlaylistTrack> tracks(3);
    for (size_t i = 0; i < tracks.size(); ++i) tracks[i].track_id = "t" + std::to_string(i);
    (void)api::ApplyTrackEdits(tracks, *edit, {});
  }
  (void)api::ParsePlay(v);
  (void)api::ParseVolume(v);
  (void)api::ParseShuffle(v);
  (void)api::ParseRepeat(v);
  (void)api::ParseQueue(v);
  (void)api::ParseTransfer(v);
  (void)api::ParseCommandText(v);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::Text(data, size);
  if (auto body = http::ParseJsonBody(text); body.ok()) ApiBodies(*body);
  boost::json::parse_options opts;
  opts.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec, {}, opts);
  if (!ec) Models(doc);
  return 0;
}
