#include "recs/moods.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace echotune::recs {
namespace {

using F = FeatureId;

std::vector<Mood> MakeMoods() {
  return {
      {"energetic", {{F::kEnergy, 0.85f}, {F::kValence, 0.65f}, {F::kDanceability, 0.65f}}, 115, 170,
       {"energetic", "energy", "hype", "pump", "upbeat", "power", "rock", "edm"},
       {{F::kEnergy, 0.7f, 1.0f}, {F::kValence, 0.45f, 1.0f}}},
      {"chill", {{F::kEnergy, 0.3f}, {F::kValence, 0.5f}, {F::kAcousticness, 0.55f}}, 60, 105,
       {"chill", "relax", "relaxing", "calm", "mellow", "lofi", "lo-fi", "downtempo", "chillout", "ambient"},
       {{F::kEnergy, 0.1f, 0.45f}, {F::kValence, 0.3f, 0.7f}}},
      {"happy", {{F::kValence, 0.85f}, {F::kEnergy, 0.7f}, {F::kDanceability, 0.65f}, {F::kMode, 1.0f}}, 100, 140,
       {"happy", "joy", "cheerful", "sunny", "feel-good", "pop"},
       {{F::kValence, 0.7f, 1.0f}, {F::kEnergy, 0.55f, 0.95f}}},
      {"melancholy", {{F::kValence, 0.2f}, {F::kEnergy, 0.3f}, {F::kMode, 0.0f}}, 60, 110,
       {"melancholy", "sad", "blue", "heartbreak", "moody", "emo", "slowcore"},
       {{F::kValence, 0.0f, 0.35f}, {F::kEnergy, 0.1f, 0.5f}}},
      {"focus", {{F::kInstrumentalness, 0.75f}, {F::kSpeechiness, 0.04f}, {F::kEnergy, 0.4f}}, 70, 120,
       {"focus", "concentrate", "concentration", "deep", "instrumental", "post-rock", "minimal"},
       {{F::kEnergy, 0.2f, 0.6f}, {F::kSpeechiness, 0.0f, 0.1f}}},
      {"study", {{F::kInstrumentalness, 0.7f}, {F::kEnergy, 0.3f}, {F::kAcousticness, 0.6f}, {F::kSpeechiness, 0.04f}}, 60, 100,
       {"study", "studying", "reading", "piano", "classical", "lofi"},
       {{F::kEnergy, 0.1f, 0.45f}, {F::kSpeechiness, 0.0f, 0.1f}}},
      {"workout", {{F::kEnergy, 0.9f}, {F::kDanceability, 0.7f}, {F::kValence, 0.6f}}, 125, 180,
       {"workout", "gym", "running", "run", "training", "cardio", "hip-hop", "drum and bass"},
       {{F::kEnergy, 0.75f, 1.0f}, {F::kDanceability, 0.55f, 1.0f}}},
      {"party", {{F::kDanceability, 0.85f}, {F::kEnergy, 0.8f}, {F::kValence, 0.75f}}, 110, 135,
       {"party", "dance", "club", "disco", "house", "dancehall"},
       {{F::kDanceability, 0.7f, 1.0f}, {F::kEnergy, 0.65f, 1.0f}, {F::kValence, 0.55f, 1.0f}}},
      {"sleep", {{F::kEnergy, 0.1f}, {F::kAcousticness, 0.8f}, {F::kInstrumentalness, 0.7f}, {F::kLoudness, -22.0f}}, 40, 85,
       {"sleep", "sleepy", "night", "lullaby", "ambient", "drone", "late-night"},
       {{F::kEnergy, 0.0f, 0.25f}, {F::kAcousticness, 0.5f, 1.0f}}},
      {"romantic", {{F::kValence, 0.6f}, {F::kEnergy, 0.4f}, {F::kAcousticness, 0.5f}, {F::kDanceability, 0.55f}}, 65, 110,
       {"romantic", "love", "date", "soul", "r&b", "rnb", "ballad"},
       {{F::kEnergy, 0.25f, 0.6f}, {F::kValence, 0.4f, 0.8f}}},
      {"angry", {{F::kEnergy, 0.95f}, {F::kValence, 0.2f}, {F::kLoudness, -4.0f}, {F::kMode, 0.0f}}, 120, 200,
       {"angry", "rage", "aggressive", "metal", "hardcore", "punk", "heavy"},
       {{F::kEnergy, 0.8f, 1.0f}, {F::kValence, 0.0f, 0.4f}}},
      {"acoustic", {{F::kAcousticness, 0.9f}, {F::kEnergy, 0.35f}, {F::kInstrumentalness, 0.2f}}, 60, 130,
       {"acoustic", "unplugged", "folk", "singer-songwriter", "guitar"},
       {{F::kAcousticness, 0.7f, 1.0f}, {F::kEnergy, 0.1f, 0.55f}}},
      {"dreamy", {{F::kEnergy, 0.4f}, {F::kValence, 0.4f}, {F::kInstrumentalness, 0.45f}, {F::kAcousticness, 0.3f}}, 70, 120,
       {"dreamy", "dream", "ethereal", "shoegaze", "dream pop", "synth", "synthwave", "atmospheric"},
       {{F::kEnergy, 0.2f, 0.55f}, {F::kValence, 0.15f, 0.55f}}},
      {"commute", {{F::kEnergy, 0.6f}, {F::kValence, 0.55f}, {F::kDanceability, 0.6f}}, 95, 130,
       {"commute", "drive", "driving", "road", "travel", "indie"},
       {{F::kEnergy, 0.45f, 0.8f}, {F::kValence, 0.35f, 0.75f}}},
  };
}

}  // namespace

const std::vector<Mood>& Moods() {
  static const std::vector<Mood> moods = MakeMoods();
  return moods;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '&' || u >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

const Mood* FindMood(std::string_view name) {
  auto words = Words(name);
  if (words.empty()) return nullptr;
  for (const Mood& m : Moods()) {
    if (m.name == words[0]) return &m;
  }
  for (const Mood& m : Moods()) {
    for (std::string_view w : m.words) {
      if (w == words[0]) return &m;
    }
  }
  return nullptr;
}

std::vector<const Mood*> MoodsInText(std::string_view text) {
  std::vector<const Mood*> out;
  for (const std::string& w : Words(text)) {
    if (const Mood* m = FindMood(w); m && std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  return out;
}

std::string DescribeFeatures(const AudioFeatures& f) {
  std::vector<std::string> words;
  float energy = f.Get(F::kEnergy), valence = f.Get(F::kValence);
  if (energy >= 0.7f) words.emplace_back("high-energy");
  if (energy <= 0.35f) words.emplace_back("calm");
  if (valence >= 0.65f) words.emplace_back("upbeat");
  if (valence <= 0.3f) words.emplace_back("moody");
  if (f.Get(F::kDanceability) >= 0.7f) words.emplace_back("danceable");
  if (f.Get(F::kAcousticness) >= 0.6f) words.emplace_back("acoustic");
  if (f.Get(F::kInstrumentalness) >= 0.5f) words.emplace_back("instrumental");
  words.push_back(std::to_string(static_cast<int>(std::lround(f.Get(F::kTempo)))) + " BPM");
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

}  // namespace echotune::recs
