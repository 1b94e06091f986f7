#include "api/chat_service.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "api/playlist_generator.h"
#include "api/prompt_parser.h"
#include "api/spotify_command.h"
#include "api/spotify_services.h"
#include "chat/prompt_builder.h"
#include "core/error.h"
#include "core/time_format.h"
#include "spotify/shapes.h"

namespace echotune::api {

namespace json = boost::json;
using boost::asio::awaitable;

namespace {

constexpr int kProfileItems = 5;
constexpr int kRecommendTracks = 10;

std::string TrackLabel(const std::string& name, const std::string& artist) {
  return artist.empty() ? name : name + " — " + artist;
}

json::object Failed(std::string type, const core::Error& e, llm::MusicFacts& facts) {
  facts.action_failed = true;
  facts.action_summary = e.message;
  return {{"type", std::move(type)}, {"ok", false}, {"code", core::ToString(e.code)}, {"summary", e.message}};
}

}  // namespace

struct ChatService::Prepared {
  model::ChatSession session;  // after the user's message was appended
  llm::MusicFacts facts;
  std::optional<std::string> provider, model;
  bool spotify_connected = false;  // the user has Spotify tokens
};

ChatService::ChatService(ApiContext& ctx, RecsService& recs, llm::ProviderChain& chain)
    : ctx_(ctx), recs_(recs), chain_(chain) {}

core::Result<model::ChatSession> ChatService::OwnSession(const core::ObjectId& user, const std::string& id) {
  auto s = ctx_.store.chat_sessions().Get(id);
  if (!s.ok()) return core::Error::NotFound("chat session not found");
  if (s->user_id != user) return core::Error::NotFound("chat session not found");
  return s;
}

awaitable<core::Result<model::ChatSession>> ChatService::Start(const core::ObjectId& user) {
  co_return co_await ctx_.workers.Run([this, user]() -> core::Result<model::ChatSession> {
    model::ChatSession s;
    s.user_id = user;
    if (auto prefs = ctx_.store.preferences().Get(user); prefs.ok()) {
      s.context.user_preferences = model::ToJson(*prefs);
    }
    return ctx_.store.chat_sessions().Create(std::move(s));
  });
}

core::Result<ChatService::Prepared> ChatService::Prepare(const core::ObjectId& user, const ChatTurnInput& in,
                                                         const std::string& intent) {
  auto& store = ctx_.store;
  std::string session_id;
  if (in.session_id) {
    auto own = OwnSession(user, *in.session_id);
    if (!own.ok()) return own.error();
    session_id = own->session_id;
  } else {
    model::ChatSession s;
    s.user_id = user;
    auto created = store.chat_sessions().Create(std::move(s));
    if (!created.ok()) return created.error();
    session_id = created->session_id;
  }
  model::ChatMessage m{model::Role::kUser, in.message, {}, {}};
  m.metadata.intent = intent;
  auto session = store.chat_sessions().AppendMessage(session_id, std::move(m));
  if (!session.ok()) return session.error();
  Prepared p{std::move(session).value(), {}, std::nullopt, std::nullopt, false};
  llm::MusicFacts& f = p.facts;
  f.intent = intent;
  if (auto u = store.users().Get(user); u.ok()) {
    f.user_name = u->display_name;
    p.spotify_connected = u->refresh_token.has_value() || u->access_token.has_value();
  }
  if (auto prefs = store.preferences().Get(user); prefs.ok()) {
    f.top_genres = prefs->favorite_genres;
    if (prefs->llm_provider) p.provider = std::string(model::ToString(*prefs->llm_provider));
    p.model = prefs->llm_model;
  }
  if (in.provider) {
    p.provider = in.provider;
    p.model = in.model;
  }
  if (auto top = store.listens().TopArtists(user, core::TimePoint{}, kProfileItems); top.ok()) {
    for (const auto& a : *top) f.top_artists.push_back(a.artist_name);
  }
  if (auto recent = store.listens().Recent(user, kProfileItems); recent.ok()) {
    for (const auto& l : *recent) f.recent_tracks.push_back(TrackLabel(l.track_name, l.artist_name));
  }
  if (auto latest = store.recommendations().Latest(user); latest.ok() && *latest) {
    for (size_t i = 0; i < (*latest)->tracks.size() && i < kProfileItems; ++i) {
      const auto& t = (*latest)->tracks[i];
      f.recommended_tracks.push_back(TrackLabel(t.name, t.artist));
    }
  }
  return p;
}

awaitable<json::value> ChatService::Control(const core::ObjectId& user, const chat::Command& command,
                                            llm::MusicFacts& facts) {
  std::string name(chat::ToString(command.kind));
  if (!ctx_.spotify) {
    co_return Failed("spotify", core::Error{core::ErrorCode::kSpotifyAuthRequired, "Spotify is not set up", {}},
                     facts);
  }
  auto done = co_await RunCommand(ctx_.spotify->player, user.ToHex(), command);
  if (!done.ok()) {
    json::object a = Failed("spotify", done.error(), facts);
    a["command"] = name;
    co_return a;
  }
  std::string did = done->contains("did") && done->at("did").is_string() ? std::string(done->at("did").as_string()) : name;
  facts.action_summary = did;
  co_return json::object{{"type", "spotify"}, {"ok", true}, {"command", name}, {"summary", did},
                         {"result", std::move(done).value()}};
}

awaitable<json::value> ChatService::Recommend(const core::ObjectId& user, const std::string& query,
                                              llm::MusicFacts& facts) {
  ParsedPrompt parsed = ParsePrompt(query);
  RecsQuery q;
  q.limit = kRecommendTracks;
  q.mood = parsed.engine_mood;
  q.query = query;
  for (size_t i = 0; i < parsed.genres.size() && i < 5; ++i) q.seed_genres.push_back(parsed.genres[i]);
  if (auto it = parsed.targets.find("energy"); it != parsed.targets.end()) q.target_energy = it->second;
  if (auto it = parsed.targets.find("valence"); it != parsed.targets.end()) q.target_valence = it->second;
  auto page = co_await ctx_.workers.Run([&] { return recs_.Recommend(user, q); });
  if (!page.ok()) co_return Failed("recommendations", page.error(), facts);
  json::array tracks;
  facts.recommended_tracks.clear();
  for (const auto& c : page->tracks) {
    tracks.push_back(CandidateJson(c));
    facts.recommended_tracks.push_back(TrackLabel(c.name, c.artist));
  }
  facts.action_summary = "found " + std::to_string(page->tracks.size()) + " recommendations";
  json::object a{{"type", "recommendations"}, {"ok", true}, {"summary", facts.action_summary},
                 {"strategy", recs::StrategyName(page->strategy)}, {"tracks", std::move(tracks)}};
  a["recommendationId"] = page->recommendation_id ? json::value(*page->recommendation_id) : json::value(nullptr);
  co_return a;
}

awaitable<json::value> ChatService::Playlist(const core::ObjectId& user, const std::string& prompt,
                                             llm::MusicFacts& facts) {
  std::string text = prompt.substr(0, 500);
  auto in = ParseGenerateRequest(json::object{{"prompt", text}});
  if (!in.ok()) co_return Failed("playlist", in.error(), facts);
  auto p = co_await ctx_.workers.Run([&] { return GeneratePlaylist(recs_, ctx_.store, user, *in); });
  if (!p.ok()) co_return Failed("playlist", p.error(), facts);
  json::array tracks;
  facts.recommended_tracks.clear();
  for (const auto& t : p->tracks) {
    tracks.push_back({{"trackId", t.track_id}, {"name", t.name}, {"artist", t.artist}});
    if (facts.recommended_tracks.size() < kProfileItems) facts.recommended_tracks.push_back(TrackLabel(t.name, t.artist));
  }
  facts.action_summary = "created the playlist \"" + p->name + "\" with " + std::to_string(p->tracks.size()) + " tracks";
  co_return json::object{{"type", "playlist"}, {"ok", true}, {"summary", facts.action_summary},
                         {"playlistId", p->id.ToHex()}, {"name", p->name}, {"tracks", std::move(tracks)}};
}

awaitable<json::value> ChatService::RunAction(const core::ObjectId& user, const chat::ClassifiedMessage& c,
                                              llm::MusicFacts& facts) {
  switch (c.intent) {
    case chat::Intent::kControl: co_return co_await Control(user, c.command, facts);
    case chat::Intent::kRecommend: co_return co_await Recommend(user, c.command.query, facts);
    case chat::Intent::kPlaylist: co_return co_await Playlist(user, c.prompt, facts);
    default: co_return json::value(nullptr);
  }
}

awaitable<core::Result<ChatTurnResult>> ChatService::Turn(const core::ObjectId& user, const ChatTurnInput& input,
                                                          const ChatStreamHooks* hooks,
                                                          std::shared_ptr<std::atomic<bool>> cancel) {
  auto started = std::chrono::steady_clock::now();
  chat::ClassifiedMessage classified = chat::ClassifyIntent(input.message);
  std::string intent(chat::IntentName(classified.intent));
  auto prepared = co_await ctx_.workers.Run([&] { return Prepare(user, input, intent); });
  if (!prepared.ok()) co_return std::move(prepared).error();
  Prepared& p = *prepared;
  ChatTurnResult out;
  out.session_id = p.session.session_id;
  out.user_message = p.session.messages.back();
  out.intent = intent;
  out.action = co_await RunAction(user, classified, p.facts);
  // Current playback in the prompt of a connected listener (after the
  // action, so "skip" talks about the next track). A failure leaves it out.
  if (ctx_.spotify && p.spotify_connected) {
    if (auto state = co_await ctx_.spotify->player.Playback(user.ToHex()); state.ok()) {
      const json::value playback(std::move(*state));
      const json::value& track = spotify::At(playback, "track");
      const json::value& playing = spotify::At(playback, "isPlaying");
      if (track.is_object() && playing.is_bool() && playing.as_bool()) {
        p.facts.now_playing = TrackLabel(spotify::StringAt(track, "name"), spotify::StringAt(track, "artist"));
      }
    }
  }

  std::vector<model::ChatMessage> history(p.session.messages.begin(), p.session.messages.end() - 1);
  llm::LlmRequest request = chat::BuildPrompt({p.facts, std::move(history), input.message});
  request.cancel = cancel;
  std::vector<json::object> switches;
  llm::ChainObserver observer{[&](const std::string& from, const std::string& to, const core::Error& why) {
    json::value reason = why.details.contains("reason") ? why.details.at("reason") : json::value("error");
    switches.push_back({{"from", from}, {"to", to}, {"reason", reason}, {"sessionId", out.session_id}});
    if (hooks && hooks->switched) hooks->switched(from, to);
  }};
  llm::StreamSink sink{hooks ? hooks->delta : nullptr};
  auto answer = co_await chain_.Run(request, p.provider, p.model, hooks ? &sink : nullptr, &observer);
  if (!answer.ok()) {
    co_await ctx_.workers.Run([&] {
      for (auto& s : switches) recs_.RecordEvent(user, model::EventType::kProviderSwitched, std::move(s));
      return 0;
    });
    co_return std::move(answer).error();
  }
  auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  model::ChatMessage reply{model::Role::kAssistant, answer->reply.text, {}, {}};
  reply.metadata.tokens_used = answer->reply.tokens_used;
  reply.metadata.response_time = static_cast<double>(total_ms);
  reply.metadata.intent = intent;
  if (classified.intent == chat::Intent::kControl) reply.metadata.spotify_action = std::string(chat::ToString(classified.command.kind));
  out.provider = answer->provider;
  out.model = answer->reply.model;
  out.latency_ms = total_ms;
  out.failed_providers = answer->failed;
  auto saved = co_await ctx_.workers.Run([&]() -> core::Result<model::ChatSession> {
    for (auto& s : switches) recs_.RecordEvent(user, model::EventType::kProviderSwitched, std::move(s));
    recs_.RecordEvent(user, model::EventType::kChatMessage,
                      {{"sessionId", out.session_id}, {"provider", out.provider}, {"model", out.model},
                       {"intent", intent}, {"latencyMs", total_ms}, {"streamed", hooks != nullptr}});
    return ctx_.store.chat_sessions().AppendMessage(
        out.session_id, reply, store::ChatSessionsRepository::AnsweredBy{out.provider, out.model});
  });
  if (!saved.ok()) co_return std::move(saved).error();
  out.reply = saved->messages.back();
  co_return out;
}

awaitable<core::Result<model::ChatSession>> ChatService::History(const core::ObjectId& user,
                                                                 const std::string& session_id) {
  co_return co_await ctx_.workers.Run([&] { return OwnSession(user, session_id); });
}

awaitable<core::Result<std::vector<model::ChatSession>>> ChatService::Sessions(const core::ObjectId& user, int limit) {
  co_return co_await ctx_.workers.Run([&] { return ctx_.store.chat_sessions().ListRecent(user, limit); });
}

awaitable<core::Status> ChatService::Delete(const core::ObjectId& user, const std::string& session_id) {
  auto st = co_await ctx_.workers.Run([&] { return ctx_.store.chat_sessions().Delete(user, session_id); });
  if (!st.ok()) co_return core::Error::NotFound("chat session not found");
  co_return st;
}

namespace {

// At most `max_bytes` of `s`, cut at a code point boundary, "…" when cut.
std::string Excerpt(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "\u2026";
}

}  // namespace

json::object ChatSessionSummaryJson(const model::ChatSession& s) {
  json::object o{{"sessionId", s.session_id}, {"messageCount", s.message_count}};
  o["startTime"] = core::FormatIso8601(s.start_time);
  o["lastActivity"] = core::FormatIso8601(s.last_activity);
  for (const auto& m : s.messages) {
    if (m.role != model::Role::kUser) continue;
    o["title"] = Excerpt(m.content, 80);  // the first thing the user asked
    break;
  }
  if (!s.messages.empty()) o["lastMessage"] = Excerpt(s.messages.back().content, 200);
  if (s.provider) o["provider"] = *s.provider;
  return o;
}

json::object ChatTurnJson(const ChatTurnResult& r) {
  json::array failed;
  for (const auto& f : r.failed_providers) failed.push_back(json::value(f));
  return {{"sessionId", r.session_id},
          {"message", model::ToJson(r.reply)},
          {"userMessage", model::ToJson(r.user_message)},
          {"provider", r.provider},
          {"model", r.model},
          {"latencyMs", r.latency_ms},
          {"intent", r.intent},
          {"action", r.action},
          {"fallbackFrom", std::move(failed)}};
}

}  // namespace echotune::api
