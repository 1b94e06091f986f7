// A tiny hand-made catalogue and history shared by the recs unit tests
// (header only; included from *_test.cpp files).
#pragma once

#include <random>
#include <string>
#include <vector>

#include "recs/csr_matrix.h"
#include "recs/types.h"

namespace echotune::recs::testing {

inline constexpr std::int64_t kNow = 1'700'000'000'000;  // a fixed "now" in Unix ms
inline constexpr std::int64_t kDay = 86'400'000;

// `blocks` groups of users and items; each user plays about 60 % of their
// block's items (weights 1–3) and nothing else. Item j is in block
// j / items_per_block, user u in block u / users_per_block.
inline CsrMatrix PlantedBlocks(std::uint32_t blocks, std::uint32_t users_per_block, std::uint32_t items_per_block,
                               std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Triplet> t;
  for (std::uint32_t b = 0; b < blocks; ++b) {
    for (std::uint32_t u = 0; u < users_per_block; ++u) {
      for (std::uint32_t i = 0; i < items_per_block; ++i) {
        if (rng() % 10 < 6) {
          t.push_back({b * users_per_block + u, b * items_per_block + i, 1.0f + static_cast<float>(rng() % 3)});
        }
      }
    }
  }
  return CsrMatrix::FromTriplets(blocks * users_per_block, blocks * items_per_block, std::move(t));
}

inline Track MakeTrack(std::string id, std::string artist, std::vector<std::string> genres, float energy,
                       float valence, float acousticness, float tempo, int popularity = 50) {
  Track t;
  t.id = id;
  t.name = "Song " + id;
  t.artist = artist;
  t.artist_id = "artist-" + artist;
  t.album = "Album of " + artist;
  t.popularity = popularity;
  AudioFeatures f;
  f.Set(FeatureId::kEnergy, energy);
  f.Set(FeatureId::kValence, valence);
  f.Set(FeatureId::kAcousticness, acousticness);
  f.Set(FeatureId::kDanceability, 0.5f);
  f.Set(FeatureId::kTempo, tempo);
  f.Set(FeatureId::kLoudness, -20.0f + 15.0f * energy);
  f.Set(FeatureId::kInstrumentalness, acousticness > 0.7f ? 0.8f : 0.1f);
  t.features = f;
  t.genres = std::move(genres);
  return t;
}

inline RecRequest Req(std::string user, Strategy s, std::size_t limit, std::string mood = "") {
  RecRequest r;
  r.user_id = std::move(user);
  r.strategy = s;
  r.limit = limit;
  r.mood = std::move(mood);
  r.now_ms = kNow;
  return r;
}

// Rock tracks r1–r4 (loud, fast), calm tracks c1–c4 (acoustic, slow), pop p1–p3.
inline std::vector<Track> Catalogue() {
  return {
      MakeTrack("r1", "Rocker", {"rock"}, 0.90f, 0.50f, 0.05f, 150, 80),
      MakeTrack("r2", "Rocker", {"rock"}, 0.88f, 0.45f, 0.08f, 145, 70),
      MakeTrack("r3", "Stone", {"rock", "metal"}, 0.92f, 0.30f, 0.02f, 160, 60),
      MakeTrack("r4", "Stone", {"rock", "metal"}, 0.95f, 0.25f, 0.03f, 170, 40),
      MakeTrack("c1", "Quiet", {"ambient"}, 0.10f, 0.40f, 0.90f, 70, 50),
      MakeTrack("c2", "Quiet", {"ambient"}, 0.15f, 0.35f, 0.85f, 75, 45),
      MakeTrack("c3", "Hush", {"ambient", "folk"}, 0.20f, 0.50f, 0.95f, 80, 30),
      MakeTrack("c4", "Hush", {"folk"}, 0.25f, 0.55f, 0.88f, 90, 20),
      MakeTrack("p1", "Sunny", {"pop"}, 0.70f, 0.90f, 0.20f, 118, 95),
      MakeTrack("p2", "Sunny", {"pop"}, 0.72f, 0.85f, 0.25f, 120, 90),
      MakeTrack("p3", "Bright", {"pop"}, 0.75f, 0.88f, 0.15f, 124, 85),
  };
}

inline Interaction Listen(std::string user, std::string track, std::int64_t at = kNow - kDay, int plays = 1) {
  Interaction e;
  e.user_id = std::move(user);
  e.track_id = std::move(track);
  e.played_at_ms = at;
  e.play_count = plays;
  return e;
}

inline Interaction FeedbackEvent(std::string user, std::string track, Feedback f) {
  Interaction e = Listen(std::move(user), std::move(track));
  e.play_count = 0;
  e.feedback = f;
  return e;
}

// Rock fans play r1 r2 r3, calm fans c1 c2 c3, pop fans p1 p2 p3.
inline std::vector<Interaction> History() {
  std::vector<Interaction> h;
  for (const char* u : {"rock1", "rock2", "rock3", "rock4"}) {
    for (const char* t : {"r1", "r2", "r3"}) h.push_back(Listen(u, t));
  }
  for (const char* u : {"calm1", "calm2", "calm3"}) {
    for (const char* t : {"c1", "c2", "c3"}) h.push_back(Listen(u, t));
  }
  for (const char* u : {"pop1", "pop2", "pop3"}) {
    for (const char* t : {"p1", "p2", "p3"}) h.push_back(Listen(u, t));
  }
  h.push_back(Listen("rock4", "r4"));
  // The user under test knows r1 and r2.
  h.push_back(Listen("me", "r1", kNow - kDay, 5));
  h.push_back(Listen("me", "r2", kNow - 2 * kDay, 3));
  return h;
}

}  // namespace echotune::recs::testing
