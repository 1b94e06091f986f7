// The enumerations of the data contract (03-DATA-MODELS.md), each with its wire
// names. ToString(e) gives the wire name; FromString<E>(s) parses one and returns
// nullopt for anything outside the enum. Names are exactly the contract's; where
// SYSTEM.md adds values (anthropic provider, semantic strategy, the §6.1 moods and
// activities) they are appended, never renamed.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace echotune::model {

enum class Tier { kFree, kPro, kEnterprise };
enum class ContextType { kPlaylist, kAlbum, kArtist, kSearch };
enum class DeviceType { kComputer, kSmartphone, kSpeaker };
enum class RecommendationType { kContentBased, kCollaborative, kHybrid, kMoodBased };
// The strategy that produced a recommended track (tracks[].strategy).
enum class Strategy { kCollaborative, kContent, kSemantic, kMoodBased, kHybrid, kPopular };
// user_preferences.recommendationStrategy.
enum class PreferredStrategy { kHybrid, kCollaborative, kContent, kSemantic, kMoodBased };
enum class PlaylistType { kGenerated, kManual, kRecommendation };
enum class Mood {
  kEnergetic, kChill, kMelancholy, kHappy, kSad, kCalm, kFocus, kRomantic, kAngry, kUplifting,
  kDark, kSleep
};
enum class Activity {
  kWorkout, kStudy, kParty, kSleep, kFocus, kRunning, kRelax, kCommute, kDriving, kCooking,
  kWork, kMeditation, kDinner
};
enum class LlmProvider { kGemini, kOpenai, kOpenrouter, kMock, kAnthropic };
enum class Role { kUser, kAssistant, kSystem };
enum class Theme { kDark, kLight };
enum class EventType {
  kTrackPlayed, kTrackSkipped, kRecommendationClicked, kRecommendationDismissed,
  kPlaylistCreated, kChatMessage, kSearchPerformed, kProviderSwitched
};
enum class FeedbackAction { kLike, kDislike, kSave };

// Wire names, indexed by the enum's underlying value.
template <typename E>
struct EnumNames;

#define ECHOTUNE_ENUM_NAMES(E, ...)                                        \
  template <>                                                              \
  struct EnumNames<E> {                                                    \
    static constexpr std::string_view kField = #E;                         \
    static constexpr auto kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
  }

ECHOTUNE_ENUM_NAMES(Tier, "free", "pro", "enterprise");
ECHOTUNE_ENUM_NAMES(ContextType, "playlist", "album", "artist", "search");
ECHOTUNE_ENUM_NAMES(DeviceType, "computer", "smartphone", "speaker");
ECHOTUNE_ENUM_NAMES(RecommendationType, "content_based", "collaborative", "hybrid", "mood_based");
ECHOTUNE_ENUM_NAMES(Strategy, "collaborative", "content", "semantic", "mood_based", "hybrid",
                    "popular");
ECHOTUNE_ENUM_NAMES(PreferredStrategy, "hybrid", "collaborative", "content", "semantic",
                    "mood_based");
ECHOTUNE_ENUM_NAMES(PlaylistType, "generated", "manual", "recommendation");
ECHOTUNE_ENUM_NAMES(Mood, "energetic", "chill", "melancholy", "happy", "sad", "calm", "focus",
                    "romantic", "angry", "uplifting", "dark", "sleep");
ECHOTUNE_ENUM_NAMES(Activity, "workout", "study", "party", "sleep", "focus", "running", "relax",
                    "commute", "driving", "cooking", "work", "meditation", "dinner");
ECHOTUNE_ENUM_NAMES(LlmProvider, "gemini", "openai", "openrouter", "mock", "anthropic");
ECHOTUNE_ENUM_NAMES(Role, "user", "assistant", "system");
ECHOTUNE_ENUM_NAMES(Theme, "dark", "light");
ECHOTUNE_ENUM_NAMES(EventType, "track.played", "track.skipped", "recommendation.clicked",
                    "recommendation.dismissed", "playlist.created", "chat.message",
                    "search.performed", "provider.switched");
ECHOTUNE_ENUM_NAMES(FeedbackAction, "like", "dislike", "save");

#undef ECHOTUNE_ENUM_NAMES

template <typename E>
constexpr std::string_view ToString(E e) {
  return EnumNames<E>::kNames[static_cast<std::size_t>(e)];
}

// Exact, case-sensitive match of a wire name.
template <typename E>
constexpr std::optional<E> FromString(std::string_view s) {
  const auto& names = EnumNames<E>::kNames;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

// "a", "b", "c" — for error messages.
template <typename E>
std::string AllowedValues() {
  std::string out;
  for (auto n : EnumNames<E>::kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace echotune::model
