// Input and output types of the recommendation engine. The recs layer knows
// nothing of storage: callers translate documents into these.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace echotune::recs {

enum class Feedback : std::uint8_t { kNone, kLike, kDislike, kSave };

// The 12 Spotify audio features, in this fixed order everywhere.
enum class FeatureId : std::uint8_t {
  kAcousticness, kDanceability, kEnergy, kInstrumentalness, kLiveness, kLoudness,
  kSpeechiness, kValence, kTempo, kKey, kMode, kTimeSignature,
};
inline constexpr std::size_t kFeatureCount = 12;
using FeatureArray = std::array<float, kFeatureCount>;

// Wire name ("energy", "time_signature"); FeatureFromName also accepts "target_energy".
std::string_view FeatureName(FeatureId f);
std::optional<FeatureId> FeatureFromName(std::string_view name);

struct AudioFeatures {
  FeatureArray values{0, 0, 0, 0, 0, -10, 0, 0, 120, 0, 1, 4};
  float Get(FeatureId f) const { return values[static_cast<std::size_t>(f)]; }
  void Set(FeatureId f, float v) { values[static_cast<std::size_t>(f)] = v; }
};

// One track of the catalogue (track_metadata).
struct Track {
  std::string id;  // Spotify track id
  std::string name;
  std::string artist;
  std::string artist_id;
  std::string album;
  int popularity = 0;  // 0–100
  std::optional<AudioFeatures> features;
  std::vector<std::string> genres;
  bool is_explicit = false;  // "explicit" of track_metadata (false where unknown)
};

// One listen (listening_history) or one feedback event (recommendations.user_feedback):
// a feedback-only event has play_count 0.
struct Interaction {
  std::string user_id;
  std::string track_id;
  std::int64_t played_at_ms = 0;  // Unix ms, UTC
  bool skipped = false;
  int repeat_count = 0;
  int play_count = 1;
  Feedback feedback = Feedback::kNone;
};

enum class Strategy : std::uint8_t { kCollaborative, kContent, kSemantic, kMood, kHybrid, kPopular };

// "collaborative", "content_based", "semantic", "mood_based", "hybrid", "popular".
std::string_view StrategyName(Strategy s);
// Also accepts "content" and "mood".
std::optional<Strategy> StrategyFromName(std::string_view name);

// The listener's settings (the preferences document) that shape every request.
struct ListenerSettings {
  std::vector<std::string> favorite_genres;  // steer cold start, tilt everyone's ranking
  std::vector<std::string> disliked_genres;  // never recommended
  bool allow_explicit = true;                // false: explicit tracks are never recommended
  std::optional<float> energy_level;         // 0–1: a soft target
  std::optional<float> diversity_weight;     // 0–1: per-artist cap and genre spread
};

struct RecRequest {
  std::string user_id;
  Strategy strategy = Strategy::kHybrid;
  std::size_t limit = 20;
  std::string mood;                                   // mood_based (and hybrid when set)
  std::string query;                                  // semantic free text
  std::vector<std::pair<FeatureId, float>> targets;   // target_energy=0.8 …
  std::vector<std::string> seed_tracks;               // extra seeds for collaborative/semantic
  std::vector<std::string> seed_genres;               // the pool is drawn from these genres
  ListenerSettings settings;
  bool include_known = false;                         // allow tracks the user already played
  // Playlists: when too few tracks fit the context even at the widest
  // tolerance, fill up with the best of the rest (after those that fit).
  bool fill_to_limit = false;
  std::unordered_set<std::string> recently_served;    // served in another set in the last 24 h
  std::int64_t now_ms = 0;                            // for recency decay
};

struct ScorePart {
  Strategy strategy;
  float score;  // the part's normalised 0–1 score before weighting
};

struct Candidate {
  std::string track_id;
  std::string name;
  std::string artist;
  std::string artist_id;
  std::string album;
  double score = 0;        // 0–1
  std::string strategy;    // StrategyName of the producing strategy
  std::string reason;      // readable explanation
  AudioFeatures audio_features;
  std::vector<ScorePart> parts;  // hybrid: every contributing strategy
};

// What a requested genre name matched in the catalogue: itself, or the
// closest catalogue genres when the name is unknown (none: nothing close).
struct GenreMatch {
  std::string requested;
  std::vector<std::string> matched;
  bool exact = false;
};

// How the request's context (mood, targets, seed genres, settings) shaped the
// answer, for meta.context.
struct ContextReport {
  bool applied = false;       // the pool was drawn from tracks that fit the request
  float tolerance = 0;        // ± on 0–1 features around targets and mood bands
  bool widened = false;       // too few tracks fitted at first: the tolerance grew
  std::size_t fitting = 0;    // catalogue tracks that fit at that tolerance
  bool genres_relaxed = false;  // too few tracks in the seed/favourite genres: not required
  bool filled = false;          // fill_to_limit added tracks outside the mood/target bands
  std::vector<GenreMatch> genres;  // seed genres and (for cold start) favourite genres
};

struct Recommendations {
  std::vector<Candidate> candidates;
  ContextReport context;
};

}  // namespace echotune::recs
