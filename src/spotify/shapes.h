// Spotify Web API objects mapped to EchoTune's JSON shapes (pure). Missing or
// mistyped fields become null/empty, never an error.
//   track    {trackId, name, artist, artistId, artists[], album, albumId,
//             durationMs, popularity, explicit, uri, imageUrl, previewUrl}
//   device   {id, name, type, isActive, isRestricted, volumePercent}
//   playback {isPlaying, progressMs, shuffle, repeat, device, track, context{type, uri}}
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace echotune::spotify {

boost::json::object TrackShape(const boost::json::value& track);
boost::json::object ArtistShape(const boost::json::value& artist);
boost::json::object AlbumShape(const boost::json::value& album);
boost::json::object PlaylistShape(const boost::json::value& playlist);
boost::json::object DeviceShape(const boost::json::value& device);
// GET /v1/me/player (null for 204: nothing playing).
boost::json::object PlaybackShape(const boost::json::value& player);
// GET /v1/me/player/devices → [device].
boost::json::array DevicesShape(const boost::json::value& answer);
// GET /v1/search → {tracks: {items, total}, artists: …} for the types present.
boost::json::object SearchShape(const boost::json::value& answer);
// GET /v1/me/player/recently-played → {items: [{track, playedAt, context}], cursors{after, before}}.
boost::json::object RecentlyPlayedShape(const boost::json::value& answer);
// GET /v1/me/top/{tracks|artists} → [track] or [artist].
boost::json::array TopShape(const boost::json::value& answer, std::string_view type);
// GET /v1/me/player/queue → {currentlyPlaying: track|null, queue: [track]}.
boost::json::object QueueShape(const boost::json::value& answer);

// Field helpers on a possibly-non-object value. At() returns a reference
// into `v`: pass a json::value that outlives it (a json::object argument would
// convert to a temporary).
std::string StringAt(const boost::json::value& v, std::string_view key);
const boost::json::value& At(const boost::json::value& v, std::string_view key);

}  // namespace echotune::spotify
