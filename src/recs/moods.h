// The moods and activities of mood_based recommendations: each maps to target
// audio features and a tempo band, plus words that name it in free text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recs/types.h"

namespace echotune::recs {

// A range of raw values of one audio feature.
struct FeatureBand {
  FeatureId feature;
  float lo = 0, hi = 1;
};

struct Mood {
  std::string_view name;
  std::vector<std::pair<FeatureId, float>> targets;  // raw feature values (0–1, dB)
  float tempo_min = 0, tempo_max = 1000;              // BPM band
  std::vector<std::string_view> words;                // synonyms and related genre/tag words
  // What a track must be to fit the mood at all (recommendations draw their
  // pool from these bands; the targets rank inside them).
  std::vector<FeatureBand> bands;
};

// The fixed table (at least 12 moods/activities). Valid for the program's life.
const std::vector<Mood>& Moods();

// The mood called `name` (case-insensitive, synonyms accepted), if any.
const Mood* FindMood(std::string_view name);

// Every mood one of whose words appears in `text` (lower-cased words).
std::vector<const Mood*> MoodsInText(std::string_view text);

// "high-energy, upbeat, danceable": the salient features of a track, for reasons.
std::string DescribeFeatures(const AudioFeatures& f);

// Lower-case alphanumeric words of a free-text query.
std::vector<std::string> Words(std::string_view text);

}  // namespace echotune::recs
