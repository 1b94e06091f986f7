#include "api/recs_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_set>

#include "api/analytics_recorder.h"
#include "core/json_write.h"
#include "core/time_format.h"
#include "recs/context_filter.h"
#include "recs/moods.h"
#include "recs/store_loader.h"
#include "store/explicit_feedback.h"

namespace echotune::api {
namespace {

using std::chrono::hours;

model::RecommendationType TypeOf(recs::Strategy s) {
  switch (s) {
    case recs::Strategy::kCollaborative: return model::RecommendationType::kCollaborative;
    case recs::Strategy::kContent: return model::RecommendationType::kContentBased;
    case recs::Strategy::kMood: return model::RecommendationType::kMoodBased;
    default: return model::RecommendationType::kHybrid;
  }
}

model::Strategy TrackStrategy(std::string_view name) {
  if (name == "content_based") return model::Strategy::kContent;
  return model::FromString<model::Strategy>(name).value_or(model::Strategy::kHybrid);
}

model::RecommendedTrack ToRecommended(const recs::Candidate& c) {
  return model::RecommendedTrack{c.track_id, c.name, c.artist, c.album,
                                 std::clamp(c.score, 0.0, 1.0), TrackStrategy(c.strategy), c.reason};
}

recs::Candidate PopularCandidate(const model::TrackMetadata& t, const std::string& reason) {
  recs::Track track = recs::ToTrack(t);
  recs::Candidate c;
  c.track_id = track.id;
  c.name = track.name;
  c.artist = track.artist;
  c.artist_id = track.artist_id;
  c.album = track.album;
  c.score = track.popularity / 100.0;
  c.strategy = "popular";
  c.reason = reason;
  if (track.features) c.audio_features = *track.features;
  return c;
}

bool IsImportRecord(const model::Recommendation& r) {
  return r.parameters.context && r.parameters.context->rfind("import:", 0) == 0;
}

recs::Feedback EngineFeedback(model::FeedbackAction a) {
  switch (a) {
    case model::FeedbackAction::kLike: return recs::Feedback::kLike;
    case model::FeedbackAction::kDislike: return recs::Feedback::kDislike;
    case model::FeedbackAction::kSave: return recs::Feedback::kSave;
  }
  return recs::Feedback::kNone;
}

using ListenKey = std::pair<std::string, long long>;  // trackId, playedAt ms

}  // namespace

boost::json::object CandidateJson(const recs::Candidate& c) {
  boost::json::object features;
  for (std::size_t f = 0; f < recs::kFeatureCount; ++f) {
    auto id = static_cast<recs::FeatureId>(f);
    features[recs::FeatureName(id)] = core::RoundTo(c.audio_features.Get(id), 4);
  }
  boost::json::object parts;
  for (const auto& p : c.parts) parts[recs::StrategyName(p.strategy)] = core::RoundTo(p.score, 4);
  return {{"trackId", c.track_id},   {"name", c.name},         {"artist", c.artist},
          {"artistId", c.artist_id}, {"album", c.album},       {"score", core::RoundTo(c.score, 4)},
          {"strategy", c.strategy},  {"reason", c.reason},     {"audioFeatures", std::move(features)},
          {"parts", std::move(parts)}};
}

recs::ListenerSettings ToListenerSettings(const model::UserPreferences& prefs) {
  recs::ListenerSettings s;
  s.favorite_genres = prefs.favorite_genres;
  s.disliked_genres = prefs.disliked_genres;
  s.allow_explicit = prefs.explicit_content;
  if (prefs.energy_level) s.energy_level = static_cast<float>(*prefs.energy_level);
  if (prefs.diversity_weight) s.diversity_weight = static_cast<float>(*prefs.diversity_weight);
  return s;
}

recs::Strategy EffectiveStrategy(const RecsQuery& q, const model::UserPreferences& prefs) {
  if (q.strategy_given || !prefs.recommendation_strategy) return q.strategy;
  switch (*prefs.recommendation_strategy) {
    case model::PreferredStrategy::kHybrid: return recs::Strategy::kHybrid;
    case model::PreferredStrategy::kCollaborative: return recs::Strategy::kCollaborative;
    case model::PreferredStrategy::kContent: return recs::Strategy::kContent;
    case model::PreferredStrategy::kSemantic: return recs::Strategy::kSemantic;
    case model::PreferredStrategy::kMoodBased: return q.mood.empty() ? recs::Strategy::kHybrid : recs::Strategy::kMood;
  }
  return q.strategy;
}

core::Result<RecsPage> RecsService::Recommend(const core::ObjectId& user, const RecsQuery& q) {
  auto page = Compute(user, q);
  if (!page.ok() || page->tracks.empty()) return page;
  auto id = Save(user, q, *page);
  if (!id.ok()) return id.error();
  page->recommendation_id = *id;
  return page;
}

core::Result<RecsPage> RecsService::Compute(const core::ObjectId& user, const RecsQuery& q) {
  auto prefs = store_.preferences().Get(user);
  if (!prefs.ok()) return prefs.error();
  recs::RecRequest r = ToRecRequest(user.ToHex(), q);
  r.strategy = EffectiveStrategy(q, *prefs);
  r.settings = ToListenerSettings(*prefs);
  auto served = store_.recommendations().ListSince(user, clock_.Now() - hours(24));
  if (!served.ok()) return served.error();
  for (const auto& rec : *served) {
    for (const auto& t : rec.tracks) r.recently_served.insert(t.track_id);
  }
  r.limit = static_cast<std::size_t>(q.offset + q.limit);
  RecsPage page;
  page.cold_start = !engine_.ready();
  page.strategy = r.strategy;
  auto all = Candidates(user, r);
  if (!all.ok()) return all.error();
  page.context = std::move(all->context);
  auto& found = all->candidates;
  page.total = static_cast<int64_t>(found.size());
  for (std::size_t i = q.offset; i < found.size() && page.tracks.size() < std::size_t(q.limit); ++i) {
    page.tracks.push_back(std::move(found[i]));
  }
  return page;
}

core::Result<recs::Recommendations> RecsService::Candidates(const core::ObjectId& user, recs::RecRequest& r) {
  auto fb = store::EffectiveFeedback(store_, user);  // durable: expired sets do not bring dislikes back
  if (!fb.ok()) return fb.error();
  std::unordered_set<std::string> disliked(fb->disliked_tracks.begin(), fb->disliked_tracks.end());
  std::size_t wanted = r.limit;
  r.limit = std::min<std::size_t>(100, r.limit + disliked.size());
  r.now_ms = core::ToUnixMillis(clock_.Now());
  recs::Recommendations out;
  if (engine_.ready()) {
    auto got = engine_.RecommendWithReport(r);
    if (!got.ok()) return got.error();
    out = std::move(*got);
  }
  if (out.candidates.empty()) {
    auto cold = ColdStart(r, out.context);
    if (!cold.ok()) return cold.error();
    out.candidates = std::move(*cold);
  }
  std::erase_if(out.candidates, [&](const recs::Candidate& c) { return disliked.contains(c.track_id); });
  if (out.candidates.size() > wanted) out.candidates.resize(wanted);
  return out;
}

namespace {

bool SharesAny(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& g) { return std::find(b.begin(), b.end(), g) != b.end(); });
}

// The store's name for an engine feature; loudness, key and the like are not
// filtered on here.
std::optional<model::Feature> StoreFeature(recs::FeatureId f) {
  using model::Feature;
  for (Feature s : {Feature::kAcousticness, Feature::kDanceability, Feature::kEnergy, Feature::kInstrumentalness,
                    Feature::kLiveness, Feature::kSpeechiness, Feature::kValence, Feature::kTempo}) {
    if (model::FeatureName(s) == recs::FeatureName(f)) return s;
  }
  return std::nullopt;
}

// The request's mood bands and targets (± recs::ContextFilter's tolerance) as
// store ranges, widened as the engine widens them (recs::ContextFilter).
std::vector<store::FeatureRange> ContextRanges(const recs::RecRequest& r, double widening) {
  std::vector<store::FeatureRange> out;
  auto add = [&](recs::FeatureId f, double lo, double hi) {
    auto feature = StoreFeature(f);
    if (!feature) return;
    bool tempo = *feature == model::Feature::kTempo;
    double pad = tempo ? widening * recs::ContextFilter::kTempoScale : widening;
    out.push_back({*feature, std::max(0.0, lo - pad), tempo ? hi + pad : std::min(1.0, hi + pad)});
  };
  if (const recs::Mood* mood = recs::FindMood(r.mood)) {
    for (const recs::FeatureBand& b : mood->bands) add(b.feature, b.lo, b.hi);
    if (mood->tempo_min > 0 || mood->tempo_max < 1000) add(recs::FeatureId::kTempo, mood->tempo_min, mood->tempo_max);
  }
  for (const auto& [f, raw] : r.targets) {
    add(f, raw - recs::ContextFilter::kTargetTolerance, raw + recs::ContextFilter::kTargetTolerance);
  }
  return out;
}

}  // namespace

// Before the first model (or with an empty one): the catalogue's most popular
// tracks that fit the request's mood and targets (widened step by step as the
// engine's pool is when too few fit), in the favourite genres, without
// disliked genres or (when the listener said so) explicit tracks.
core::Result<std::vector<recs::Candidate>> RecsService::ColdStart(const recs::RecRequest& r,
                                                                   recs::ContextReport& context) {
  const recs::ListenerSettings& s = r.settings;
  const bool banded = !ContextRanges(r, 0).empty();
  const std::size_t enough = r.limit + r.recently_served.size();
  store::TrackFilter filter;
  filter.genres = s.favorite_genres;
  filter.limit = static_cast<int64_t>(enough) * 2 + 50;
  auto find = [&]() -> core::Result<std::vector<model::TrackMetadata>> {
    core::Result<std::vector<model::TrackMetadata>> tracks = std::vector<model::TrackMetadata>{};
    for (int step = 0; step < recs::ContextFilter::kSteps; ++step) {
      const double widening = recs::ContextFilter::Widening(step);
      filter.ranges = ContextRanges(r, widening);
      tracks = store_.tracks().Filter(filter);
      if (!tracks.ok() || !banded) return tracks;
      context.tolerance = static_cast<float>(recs::ContextFilter::kTargetTolerance + widening);
      context.widened = widening > 0;
      if (tracks->size() >= enough) break;
    }
    return tracks;
  };
  auto tracks = find();
  if (!tracks.ok()) return tracks.error();
  if (tracks->empty() && !filter.genres.empty()) {
    filter.genres.clear();
    tracks = find();
    if (!tracks.ok()) return tracks.error();
  }
  context.applied = banded && !tracks->empty();
  if (banded && tracks->empty()) {  // nothing in the catalogue fits at all: popular, and meta says so
    filter.ranges.clear();
    tracks = store_.tracks().Filter(filter);
    if (!tracks.ok()) return tracks.error();
  }
  context.fitting = context.applied ? tracks->size() : 0;
  std::string fits;
  if (context.applied && recs::FindMood(r.mood)) {
    fits = ", fits a " + std::string(recs::FindMood(r.mood)->name) + " mood";
  } else if (context.applied && !r.targets.empty()) {
    fits = ", close to the " + std::string(recs::FeatureName(r.targets.front().first)) + " you asked for";
  }
  std::vector<recs::Candidate> out;
  for (const auto& t : *tracks) {
    if (out.size() >= r.limit) break;
    if (r.recently_served.contains(t.spotify_id) || SharesAny(t.genres, s.disliked_genres)) continue;
    if (!s.allow_explicit && t.is_explicit) continue;
    std::string reason = "Popular on EchoTune right now" + fits;
    for (const auto& g : t.genres) {
      if (std::find(filter.genres.begin(), filter.genres.end(), g) != filter.genres.end()) {
        reason = "Popular in " + g + ", one of your favourite genres" + fits;
        break;
      }
    }
    out.push_back(PopularCandidate(t, reason));
  }
  return out;
}

core::Result<std::string> RecsService::Save(const core::ObjectId& user, const RecsQuery& q, const RecsPage& page) {
  model::Recommendation rec;
  rec.user_id = user;
  rec.recommendation_type = TypeOf(page.strategy);
  for (const auto& c : page.tracks) rec.tracks.push_back(ToRecommended(c));
  rec.parameters.seed_tracks = q.seed_tracks;
  if (q.target_energy) rec.parameters.target_features["energy"] = *q.target_energy;
  if (q.target_valence) rec.parameters.target_features["valence"] = *q.target_valence;
  if (!q.mood.empty()) rec.parameters.context = "mood:" + q.mood;
  rec.confidence_score = rec.tracks.front().score;
  auto saved = store_.recommendations().Save(std::move(rec));
  if (!saved.ok()) return saved.error();
  return saved->id.ToHex();
}

core::Result<std::vector<recs::Candidate>> RecsService::PickForPlaylist(
    const core::ObjectId& user, recs::RecRequest request, const std::vector<std::string>& genres) {
  std::size_t wanted = request.limit;
  request.limit = 100;
  request.include_known = true;
  request.fill_to_limit = true;  // a playlist of the length asked for, fitting tracks first
  auto prefs = store_.preferences().Get(user);
  if (!prefs.ok()) return prefs.error();
  request.settings = ToListenerSettings(*prefs);
  auto found = Candidates(user, request);
  if (!found.ok()) return found.error();
  auto* all = &found->candidates;
  if (!genres.empty()) {
    std::vector<std::string> ids;
    for (const auto& c : *all) ids.push_back(c.track_id);
    auto meta = store_.tracks().GetMany(ids);
    if (!meta.ok()) return meta.error();
    std::set<std::string> in_genre;
    for (const auto& t : *meta) {
      for (const auto& g : t.genres) {
        if (std::find(genres.begin(), genres.end(), g) != genres.end()) in_genre.insert(t.spotify_id);
      }
    }
    std::stable_partition(all->begin(), all->end(),
                          [&](const recs::Candidate& c) { return in_genre.contains(c.track_id); });
  }
  if (all->size() > wanted) all->resize(wanted);
  return std::move(*all);
}

core::Result<std::optional<core::ObjectId>> RecsService::LatestSetWith(const core::ObjectId& user,
                                                                       const std::string& track_id) {
  auto recs = store_.recommendations().ListSince(user, clock_.Now() - model::kRecommendationTtl);
  if (!recs.ok()) return recs.error();
  std::optional<core::ObjectId> newest;
  for (const auto& r : *recs) {
    if (IsImportRecord(r)) continue;
    if (!newest) newest = r.id;
    for (const auto& t : r.tracks) {
      if (t.track_id == track_id) return std::optional<core::ObjectId>(r.id);
    }
  }
  return newest;
}

core::Result<FeedbackResult> RecsService::RecordFeedback(const core::ObjectId& user,
                                                         const FeedbackInput& in) {
  std::optional<core::ObjectId> id = in.recommendation_id;
  if (!id) {
    auto latest = LatestSetWith(user, in.track_id);
    if (!latest.ok()) return latest.error();
    if (!*latest) return core::Error::NotFound("no recommendation to attach the feedback to");
    id = *latest;
  }
  auto fb = store_.recommendations().RecordFeedback(user, id, in.track_id, in.action);
  if (!fb.ok()) return fb.error();
  // The durable copy (issue 16), after the set's copy so a refused set writes neither.
  auto durable = store_.preferences().AddTrackFeedback(user, in.action, {in.track_id});
  if (!durable.ok()) return durable.error();
  bool dislike = in.action == model::FeedbackAction::kDislike;
  RecordEvent(user, dislike ? model::EventType::kRecommendationDismissed : model::EventType::kRecommendationClicked,
        {{"trackId", in.track_id}, {"action", model::ToString(in.action)}, {"recommendationId", id->ToHex()}});
  recs::Interaction e;
  e.user_id = user.ToHex();
  e.track_id = in.track_id;
  e.played_at_ms = core::ToUnixMillis(clock_.Now());
  e.play_count = 0;
  e.feedback = EngineFeedback(in.action);
  engine_.Record(e);
  return FeedbackResult{id->ToHex(), std::move(*fb)};
}

core::Result<store::BatchInsertResult> RecsService::RecordListens(const core::ObjectId& user,
                                                                  std::vector<ListenInput> inputs) {
  std::vector<std::string> ids;
  auto from = inputs.front().listen.played_at, to = from;
  for (const auto& in : inputs) {
    if (!in.has_names || !in.has_duration) ids.push_back(in.listen.track_id);
    from = std::min(from, in.listen.played_at);
    to = std::max(to, in.listen.played_at);
  }
  auto catalogue = store_.tracks().GetMany(ids);
  if (!catalogue.ok()) return catalogue.error();
  if (auto s = FillFromCatalogue(inputs, *catalogue); !s.ok()) return std::move(s).error();
  auto existing = store_.listens().ListInRange(user, from, to + std::chrono::milliseconds(1));
  if (!existing.ok()) return existing.error();
  std::set<ListenKey> seen;
  for (const auto& l : *existing) seen.insert({l.track_id, core::ToUnixMillis(l.played_at)});
  std::vector<model::Listen> listens, fresh;
  for (auto& in : inputs) {
    in.listen.user_id = user;
    if (seen.insert({in.listen.track_id, core::ToUnixMillis(in.listen.played_at)}).second) {
      fresh.push_back(in.listen);
    }
    listens.push_back(std::move(in.listen));
  }
  auto result = store_.listens().InsertBatch(std::move(listens));
  if (!result.ok()) return result.error();
  for (const auto& l : fresh) {
    auto type = l.skip_count > 0 ? model::EventType::kTrackSkipped : model::EventType::kTrackPlayed;
    RecordEvent(user, type, {{"trackId", l.track_id}, {"trackName", l.track_name}, {"artistName", l.artist_name},
                       {"durationMs", l.duration_ms}, {"playedAt", core::FormatIso8601(l.played_at)}});
    engine_.Record(recs::ToInteraction(l));
  }
  return result;
}

void RecsService::RecordEvent(const core::ObjectId& user, model::EventType type, boost::json::object metadata) {
  RecordAnalyticsEvent(store_, clock_, user, type, std::move(metadata));
}

}  // namespace echotune::api
