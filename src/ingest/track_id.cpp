#include "ingest/track_id.h"

#include <cctype>
#include <cstdint>

#include "ingest/field_value.h"

namespace echotune::ingest {
namespace {

constexpr size_t kIdLength = 22;
constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool IsBase62Id(std::string_view s) {
  if (s.size() != kIdLength) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void AppendFolded(std::string_view text, std::string& out) {
  bool space = false;
  for (char c : Trim(text)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
}

uint64_t Fnv1a(std::string_view text, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

void AppendBase62(uint64_t value, size_t digits, std::string& out) {
  for (size_t i = 0; i < digits; ++i) {
    out.push_back(kBase62[value % 62]);
    value /= 62;
  }
}

}  // namespace

std::optional<std::string> SpotifyTrackIdOf(std::string_view text) {
  text = Trim(text);
  for (std::string_view prefix : {"spotify:track:", "https://open.spotify.com/track/",
                                  "http://open.spotify.com/track/", "open.spotify.com/track/"}) {
    if (text.substr(0, prefix.size()) == prefix) {
      text.remove_prefix(prefix.size());
      text = text.substr(0, text.find_first_of("?#/"));
      break;
    }
  }
  if (!IsBase62Id(text)) return std::nullopt;
  return std::string(text);
}

std::string NameKey(std::string_view artist, std::string_view track) {
  std::string key;
  key.reserve(artist.size() + track.size() + 1);
  AppendFolded(artist, key);
  key.push_back('\x1f');
  AppendFolded(track, key);
  return key;
}

std::string LocalTrackId(std::string_view artist, std::string_view track) {
  std::string key = NameKey(artist, track);
  std::string id = "local:";
  AppendBase62(Fnv1a(key, 0xcbf29ce484222325ULL), 11, id);
  AppendBase62(Fnv1a(key, 0x84222325cbf29ce4ULL), 11, id);
  return id;
}

}  // namespace echotune::ingest
