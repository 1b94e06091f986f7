#include "api/radio_playlist.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>

#include "store/explicit_feedback.h"

namespace echotune::api {
namespace {

constexpr size_t kSeedsPerWeight = 5;
constexpr int64_t kTopArtists = 5;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Up to `limit` catalogue tracks by `artist` (case-insensitive), most popular first.
std::vector<std::string> TracksBy(const recs::ItemModel& items, const std::string& artist, size_t limit) {
  std::vector<std::string> out;
  std::string wanted = Lower(artist);
  for (std::uint32_t i : items.by_popularity()) {
    if (out.size() >= limit) break;
    if (Lower(items.meta(i).artist) == wanted) out.push_back(items.meta(i).id);
  }
  return out;
}

struct Plan {
  recs::RecRequest request;
  std::vector<std::string> genres;  // tag terms, for the engine's genre-first order
  std::vector<std::string> pinned;  // the named artists' own tracks, kept whatever the engine says
};

core::Status AddSource(const RadioSource& s, const recs::ItemModel* items, store::Store& store,
                       const core::ObjectId& user, const model::UserFeedback& feedback, Plan& plan) {
  size_t seeds = kSeedsPerWeight * static_cast<size_t>(s.weight);
  auto seed_artist = [&](const std::string& name) {
    if (!items) return;
    for (auto& id : TracksBy(*items, name, seeds)) {
      plan.request.seed_tracks.push_back(id);
      plan.pinned.push_back(id);
    }
  };
  switch (s.kind) {
    case RadioSource::Kind::kArtist: seed_artist(s.names.front()); return core::Ok();
    case RadioSource::Kind::kTag:
      for (const auto& g : s.names) {
        plan.genres.push_back(Lower(g));
        plan.request.query += (plan.request.query.empty() ? "" : " ") + Lower(g);
      }
      return core::Ok();
    case RadioSource::Kind::kStats: {
      auto since = std::chrono::system_clock::now() - std::chrono::hours(24 * 90);
      auto top = store.listens().TopArtists(user, since, kTopArtists);
      if (!top.ok()) return std::move(top).error();
      for (const auto& a : *top) seed_artist(a.artist_name);
      return core::Ok();
    }
    case RadioSource::Kind::kLiked:
      for (size_t i = 0; i < feedback.liked_tracks.size() && i < seeds * 4; ++i) {
        plan.request.seed_tracks.push_back(feedback.liked_tracks[i]);
      }
      return core::Ok();
  }
  return core::Ok();
}

bool InBand(const std::optional<Level>& level, const std::optional<double>& value) {
  if (!level) return true;
  if (!value) return false;
  IntRange band = LevelPercent(*level);
  double v = *value * 100.0;
  return v >= band.min && (v < band.max || (band.max == 100 && v <= 100.0));
}

bool InRange(const std::optional<IntRange>& range, const std::optional<double>& value) {
  if (!range) return true;
  return value && *value >= range->min && *value <= range->max;
}

bool HasTags(const std::vector<std::string>& genres, const RadioPrompt& prompt) {
  for (const auto& s : prompt.sources) {
    if (s.kind != RadioSource::Kind::kTag) continue;
    auto has = [&](const std::string& tag) {
      return std::find(genres.begin(), genres.end(), Lower(tag)) != genres.end();
    };
    bool ok = s.all_tags ? std::all_of(s.names.begin(), s.names.end(), has)
                         : std::any_of(s.names.begin(), s.names.end(), has);
    if (!ok) return false;
  }
  return true;
}

bool Passes(const model::TrackMetadata& t, const RadioPrompt& p) {
  const auto& f = t.audio_features;
  auto feature = [&](std::optional<double> model::AudioFeatures::*m) { return f ? (*f).*m : std::nullopt; };
  std::optional<double> year;
  if (t.release_year) year = static_cast<double>(*t.release_year);
  return InBand(p.energy, feature(&model::AudioFeatures::energy)) &&
         InBand(p.valence, feature(&model::AudioFeatures::valence)) &&
         InRange(p.tempo, feature(&model::AudioFeatures::tempo)) && InRange(p.year, year) && HasTags(t.genres, p);
}

void ApplyTargets(const RadioPrompt& p, recs::RecRequest& r) {
  auto centre = [](Level l) { return static_cast<float>(LevelPercent(l).min + LevelPercent(l).max) / 200.0f; };
  if (p.energy) r.targets.emplace_back(recs::FeatureId::kEnergy, centre(*p.energy));
  if (p.valence) r.targets.emplace_back(recs::FeatureId::kValence, centre(*p.valence));
  if (p.tempo) r.targets.emplace_back(recs::FeatureId::kTempo, static_cast<float>(p.tempo->min + p.tempo->max) / 2.0f);
}

// Orders by mode: easy most popular first, hard least popular first (stable:
// the engine's order breaks ties); medium keeps the engine's order.
void OrderByMode(RadioMode mode, std::vector<model::TrackMetadata>& tracks) {
  if (mode == RadioMode::kMedium) return;
  std::stable_sort(tracks.begin(), tracks.end(), [mode](const auto& a, const auto& b) {
    int64_t pa = a.popularity.value_or(0), pb = b.popularity.value_or(0);
    return mode == RadioMode::kEasy ? pa > pb : pa < pb;
  });
}

}  // namespace

core::Result<std::vector<RadioTrack>> PickRadioTracks(RecsService& recs, recs::RecEngine& engine,
                                                      store::Store& store, const core::ObjectId& user,
                                                      const RadioPrompt& prompt, int count) {
  auto items = engine.items();
  auto feedback = store::EffectiveFeedback(store, user);
  if (!feedback.ok()) return std::move(feedback).error();
  Plan plan;
  plan.request.user_id = user.ToHex();
  plan.request.limit = 100;
  for (const auto& s : prompt.sources) {
    if (auto st = AddSource(s, items.get(), store, user, *feedback, plan); !st.ok()) return std::move(st).error();
  }
  ApplyTargets(prompt, plan.request);
  plan.request.strategy = plan.request.seed_tracks.empty() && plan.genres.empty() && !plan.request.targets.empty()
                              ? recs::Strategy::kContent
                              : recs::Strategy::kHybrid;
  auto picked = recs.PickForPlaylist(user, plan.request, plan.genres);
  if (!picked.ok()) return picked.error();
  std::vector<std::string> ids = plan.pinned;
  for (const auto& c : *picked) ids.push_back(c.track_id);
  auto meta = store.tracks().GetMany(ids);
  if (!meta.ok()) return meta.error();
  std::set<std::string> known(feedback->disliked_tracks.begin(), feedback->disliked_tracks.end());
  if (prompt.mode == RadioMode::kHard) {
    auto played = store.listens().TopTracks(user, core::TimePoint{}, 1'000'000);
    if (!played.ok()) return played.error();
    for (const auto& t : *played) known.insert(t.track_id);
  }
  std::vector<model::TrackMetadata> kept;
  std::set<std::string> seen;
  for (auto& t : *meta) {  // known: disliked, and (hard) played
    if (known.contains(t.spotify_id) || !Passes(t, prompt) || !seen.insert(t.spotify_id).second) continue;
    kept.push_back(std::move(t));
  }
  OrderByMode(prompt.mode, kept);
  std::vector<RadioTrack> out;
  for (const auto& t : kept) {
    if (static_cast<int>(out.size()) >= count) break;
    out.push_back({t.spotify_id, t.name, t.artists.empty() ? "" : t.artists.front().name});
  }
  return out;
}

}  // namespace echotune::api
