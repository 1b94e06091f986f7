#include "api/playlist_edit.h"

#include <algorithm>

#include "model/json_reader.h"

namespace echotune::api {
namespace {

void ReadMove(model::JsonReader& r, PlaylistEdit& e) {
  if (!r.Has("move")) return;
  model::JsonReader m = r.Child("move");
  auto from = m.OptInt("from");
  auto to = m.OptInt("to");
  if (!from) m.Fail("from", "required integer");
  if (!to) m.Fail("to", "required integer");
  if (from && to) e.move = TrackMove{*from, *to};
}

core::Status Remove(std::vector<model::PlaylistTrack>& tracks, const std::vector<std::string>& ids) {
  std::erase_if(tracks, [&](const model::PlaylistTrack& t) {
    return std::find(ids.begin(), ids.end(), t.track_id) != ids.end();
  });
  return core::Ok();
}

core::Status Add(std::vector<model::PlaylistTrack>& tracks, const std::vector<std::string>& ids,
                 const std::vector<model::TrackMetadata>& catalogue) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto t = std::find_if(catalogue.begin(), catalogue.end(),
                          [&](const model::TrackMetadata& m) { return m.spotify_id == ids[i]; });
    if (t == catalogue.end()) {
      return core::Error::Validation("add[" + std::to_string(i) + "]", "unknown track: " + ids[i]);
    }
    bool present = std::any_of(tracks.begin(), tracks.end(),
                               [&](const model::PlaylistTrack& p) { return p.track_id == ids[i]; });
    if (present) continue;
    model::PlaylistTrack pt;
    pt.track_id = t->spotify_id;
    pt.name = t->name;
    pt.artist = t->artists.empty() ? "" : t->artists.front().name;
    tracks.push_back(std::move(pt));
  }
  return core::Ok();
}

core::Status Move(std::vector<model::PlaylistTrack>& tracks, const TrackMove& m) {
  auto n = static_cast<int64_t>(tracks.size());
  if (m.from < 0 || m.from >= n) return core::Error::Validation("move.from", "must be a position from 0 to n-1");
  if (m.to < 0 || m.to >= n) return core::Error::Validation("move.to", "must be a position from 0 to n-1");
  auto item = std::move(tracks[m.from]);
  tracks.erase(tracks.begin() + m.from);
  tracks.insert(tracks.begin() + m.to, std::move(item));
  return core::Ok();
}

}  // namespace

core::Result<PlaylistEdit> ParsePlaylistEdit(const boost::json::value& body) {
  if (!body.is_object()) return core::Error::Validation("body", "the body must be a JSON object");
  for (const auto& kv : body.as_object()) {
    std::string_view k = kv.key();
    if (k != "name" && k != "description" && k != "add" && k != "remove" && k != "move") {
      return core::Error::Validation(std::string(k), "unknown field");
    }
  }
  model::JsonReader r(body);
  PlaylistEdit e;
  e.name = r.OptString("name");
  if (e.name && e.name->empty()) r.Fail("name", "must not be empty");
  e.description = r.OptString("description");
  e.add = r.Strings("add");
  e.remove = r.Strings("remove");
  ReadMove(r, e);
  if (auto s = r.status(); !s.ok()) return std::move(s).error();
  return e;
}

core::Status ApplyTrackEdits(std::vector<model::PlaylistTrack>& tracks, const PlaylistEdit& edit,
                             const std::vector<model::TrackMetadata>& catalogue) {
  if (auto s = Remove(tracks, edit.remove); !s.ok()) return s;
  if (auto s = Add(tracks, edit.add, catalogue); !s.ok()) return s;
  if (edit.move) {
    if (auto s = Move(tracks, *edit.move); !s.ok()) return s;
  }
  for (std::size_t i = 0; i < tracks.size(); ++i) tracks[i].position = static_cast<int64_t>(i);
  return core::Ok();
}

}  // namespace echotune::api
