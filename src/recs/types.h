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

struct RecRequest {
  std::string user_id;
  Strategy strategy = Strategy::kHybrid;
  std::size_t limit = 20;
  std::string mood;                                   // mood_based (and hybrid when set)
  std::string query;                                  // semantic free text
  std::vector<std::pair<FeatureId, float>> targets;   // target_energy=0.8 …
  std::vector<std::string> seed_tracks;               // extra seeds for collaborative/semantic
  bool include_known = false;                         // allow tracks the user already played
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

}  // namespace echotune::recs
