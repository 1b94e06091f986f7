#include "ingest/device_type.h"

#include <cctype>
#include <string>

namespace echotune::ingest {
namespace {

bool ContainsAny(const std::string& text, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (text.find(w) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::optional<model::DeviceType> DeviceTypeOf(std::string_view platform) {
  std::string p;
  for (char c : platform) p.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (ContainsAny(p, {"_tv", " tv", "tv_", "playstation", "ps4", "ps5", "xbox", "car"})) return std::nullopt;
  if (ContainsAny(p, {"sonos", "speaker", "echo", "alexa", "google_home", "home", "bose", "cast", "partner"})) {
    return model::DeviceType::kSpeaker;
  }
  if (ContainsAny(p, {"android", "ios", "iphone", "ipad"})) return model::DeviceType::kSmartphone;
  if (ContainsAny(p, {"windows", "os x", "osx", "macos", "linux", "web_player", "web player", "desktop"})) {
    return model::DeviceType::kComputer;
  }
  return std::nullopt;
}

}  // namespace echotune::ingest
