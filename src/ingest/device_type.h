// The listening_history context.device_type of a Spotify export's `platform` text.
#pragma once

#include <optional>
#include <string_view>

#include "model/enums.h"

namespace echotune::ingest {

// "android", "iOS 14.4 (iPhone12,1)" → smartphone; "windows", "OS X 10.15.7",
// "linux", "web_player …" → computer; "Partner amazon_salmon …", "cast_tv"…,
// "sonos", "Google_Home" → speaker. nullopt for empty or anything else (TVs,
// consoles, cars): the contract's enum has no value for them.
std::optional<model::DeviceType> DeviceTypeOf(std::string_view platform);

}  // namespace echotune::ingest
