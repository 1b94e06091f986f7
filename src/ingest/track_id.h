// Spotify track ids: reading them from ids, URIs and links, and the stable local
// id given to a play that cannot be matched to any Spotify track.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace echotune::ingest {

// The 22-character base62 id in "6f807x0ima9a1j3VPbc7VN", "spotify:track:<id>" or
// "https://open.spotify.com/track/<id>?si=…". nullopt for anything else
// (episodes, local files, malformed ids).
std::optional<std::string> SpotifyTrackIdOf(std::string_view text);

// "local:" + 22 base62 characters derived from the case-folded, trimmed artist and
// track names (two 64-bit FNV-1a hashes). The same names always give the same id,
// across runs and machines.
std::string LocalTrackId(std::string_view artist, std::string_view track);

// Lower-cased (ASCII), trimmed, inner whitespace collapsed: the key under which
// (artist, track name) pairs are matched against the catalogue.
std::string NameKey(std::string_view artist, std::string_view track);

}  // namespace echotune::ingest
