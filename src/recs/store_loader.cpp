#include "recs/store_loader.h"

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "store/explicit_feedback.h"

namespace echotune::recs {
namespace {

std::int64_t ToMs(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::optional<AudioFeatures> ToFeatures(const std::optional<model::AudioFeatures>& in) {
  if (!in || !in->energy || !in->valence) return std::nullopt;  // too little to place the track
  AudioFeatures f;
  auto set = [&](FeatureId id, const auto& v) {
    if (v) f.Set(id, static_cast<float>(*v));
  };
  set(FeatureId::kAcousticness, in->acousticness);
  set(FeatureId::kDanceability, in->danceability);
  set(FeatureId::kEnergy, in->energy);
  set(FeatureId::kInstrumentalness, in->instrumentalness);
  set(FeatureId::kLiveness, in->liveness);
  set(FeatureId::kLoudness, in->loudness);
  set(FeatureId::kSpeechiness, in->speechiness);
  set(FeatureId::kValence, in->valence);
  set(FeatureId::kTempo, in->tempo);
  set(FeatureId::kKey, in->key);
  set(FeatureId::kMode, in->mode);
  set(FeatureId::kTimeSignature, in->time_signature);
  return f;
}

Interaction FeedbackFor(const std::string& user, const std::string& track, Feedback f) {
  Interaction e;
  e.user_id = user;
  e.track_id = track;
  e.play_count = 0;
  e.feedback = f;
  return e;
}

core::Status AppendFeedback(store::Store& store, const core::ObjectId& user, std::vector<Interaction>& out) {
  auto fb = store::EffectiveFeedback(store, user);
  if (!fb.ok()) return fb.error();
  const std::string id = user.ToHex();
  for (const auto& t : fb->liked_tracks) out.push_back(FeedbackFor(id, t, Feedback::kLike));
  for (const auto& t : fb->saved_tracks) out.push_back(FeedbackFor(id, t, Feedback::kSave));
  // Dislikes last: when a track is in both sets, it is never recommended.
  for (const auto& t : fb->disliked_tracks) out.push_back(FeedbackFor(id, t, Feedback::kDislike));
  return core::Ok();
}

}  // namespace

Track ToTrack(const model::TrackMetadata& t) {
  Track out;
  out.id = t.spotify_id;
  out.name = t.name;
  if (!t.artists.empty()) {
    out.artist = t.artists.front().name;
    out.artist_id = t.artists.front().id;
  }
  if (t.album && t.album->name) out.album = *t.album->name;
  out.popularity = static_cast<int>(t.popularity.value_or(0));
  out.features = ToFeatures(t.audio_features);
  out.genres = t.genres;
  out.is_explicit = t.is_explicit;
  return out;
}

Interaction ToInteraction(const model::Listen& l) {
  Interaction e;
  e.user_id = l.user_id.ToHex();
  e.track_id = l.track_id;
  e.played_at_ms = ToMs(l.played_at);
  e.skipped = l.skip_count > 0;
  e.repeat_count = static_cast<int>(l.repeat_count);
  return e;
}

core::Result<EngineInputs> LoadEngineInputs(store::Store& store) {
  EngineInputs in;
  auto st = store.tracks().Scan([&](const model::TrackMetadata& t) {
    in.catalogue.push_back(ToTrack(t));
    return true;
  });
  if (!st.ok()) return st.error();
  std::vector<core::ObjectId> users;
  std::unordered_set<std::string> seen;
  st = store.listens().Scan([&](const model::Listen& l) {
    in.interactions.push_back(ToInteraction(l));
    if (seen.insert(in.interactions.back().user_id).second) users.push_back(l.user_id);
    return true;
  });
  if (!st.ok()) return st.error();
  std::stable_sort(in.interactions.begin(), in.interactions.end(),
                   [](const Interaction& a, const Interaction& b) { return a.played_at_ms < b.played_at_ms; });
  for (const core::ObjectId& u : users) {
    if (auto fb = AppendFeedback(store, u, in.interactions); !fb.ok()) return fb.error();
  }
  return in;
}

}  // namespace echotune::recs
