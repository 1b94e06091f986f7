#include "api/playlist_generator.h"

#include "api/prompt_parser.h"
#include "api/radio_playlist.h"
#include "model/json_reader.h"

namespace echotune::api {
namespace {

constexpr int kDefaultTrackCount = 20;

recs::RecRequest EngineRequest(const core::ObjectId& user, const ParsedPrompt& p, int count) {
  recs::RecRequest r;
  r.user_id = user.ToHex();
  r.strategy = p.engine_mood.empty() ? recs::Strategy::kHybrid : recs::Strategy::kMood;
  r.mood = p.engine_mood;
  for (const auto& [name, value] : p.targets) {
    if (auto f = recs::FeatureFromName(name)) r.targets.emplace_back(*f, static_cast<float>(value));
  }
  for (const auto& g : p.genres) r.query += (r.query.empty() ? "" : " ") + g;
  r.limit = static_cast<std::size_t>(count);
  return r;
}

model::GenerationParameters Parameters(const ParsedPrompt& p, const std::string& prompt) {
  model::GenerationParameters g;
  g.mood = p.mood;
  g.activity = p.activity;
  g.genres = p.genres;
  g.audio_features = p.targets;
  g.original_prompt = prompt;
  return g;
}

model::GenerationParameters RadioParameters(const RadioPrompt& radio, const std::string& prompt) {
  model::GenerationParameters g;
  for (const auto& s : radio.sources) {
    if (s.kind == RadioSource::Kind::kTag) g.genres.insert(g.genres.end(), s.names.begin(), s.names.end());
  }
  auto centre = [](Level l) { return (LevelPercent(l).min + LevelPercent(l).max) / 200.0; };
  if (radio.energy) g.audio_features["energy"] = centre(*radio.energy);
  if (radio.valence) g.audio_features["valence"] = centre(*radio.valence);
  if (radio.tempo) g.audio_features["tempo"] = (radio.tempo->min + radio.tempo->max) / 2.0;
  g.original_prompt = prompt;
  return g;
}

// The tracks and parameters of a playlist, from the engine (free sentence) or the radio.
core::Status FillTracks(RecsService& recs, store::Store& store, const core::ObjectId& user,
                        const GenerateRequest& in, model::Playlist& p) {
  if (in.radio) {
    auto picked = PickRadioTracks(recs, recs.engine(), store, user, *in.radio,
                                  in.track_count.value_or(kDefaultTrackCount));
    if (!picked.ok()) return std::move(picked).error();
    p.name = "Radio: " + in.prompt.substr(0, 80);
    p.description = "Prompt radio: " + in.prompt;
    p.generation_parameters = RadioParameters(*in.radio, in.prompt);
    for (const auto& t : *picked) p.tracks.push_back(model::PlaylistTrack{t.track_id, t.name, t.artist, {}, 0});
    return core::Ok();
  }
  ParsedPrompt parsed = ParsePrompt(in.prompt);
  int count = in.track_count.value_or(parsed.track_count.value_or(kDefaultTrackCount));
  auto picked = recs.PickForPlaylist(user, EngineRequest(user, parsed, count), parsed.genres);
  if (!picked.ok()) return std::move(picked).error();
  p.name = PlaylistName(parsed);
  p.description = PlaylistDescription(parsed, in.prompt);
  p.generation_parameters = Parameters(parsed, in.prompt);
  for (const auto& c : *picked) p.tracks.push_back(model::PlaylistTrack{c.track_id, c.name, c.artist, {}, 0});
  return core::Ok();
}

}  // namespace

core::Result<model::Playlist> GeneratePlaylist(RecsService& recs, store::Store& store,
                                               const core::ObjectId& user, const GenerateRequest& in) {
  model::Playlist p;
  p.user_id = user;
  p.playlist_type = model::PlaylistType::kGenerated;
  p.is_public = in.is_public;
  if (auto s = FillTracks(recs, store, user, in, p); !s.ok()) return std::move(s).error();
  model::Renumber(p);
  auto created = store.playlists().Create(std::move(p));
  if (!created.ok()) return created.error();
  recs.RecordEvent(user, model::EventType::kPlaylistCreated,
                   {{"playlistId", created->id.ToHex()}, {"trackCount", created->track_count},
                    {"prompt", in.prompt}, {"generated", true}});
  return created;
}

}  // namespace echotune::api
