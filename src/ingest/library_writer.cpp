#include "ingest/library_writer.h"

#include <algorithm>

#include "ingest/listen_mapper.h"
#include "store/explicit_feedback.h"

namespace echotune::ingest {
namespace {

constexpr int64_t kPlaylistPage = 1000;

std::vector<std::string> Missing(const std::vector<std::string>& ids, const std::vector<std::string>& have) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (std::find(have.begin(), have.end(), id) == have.end() &&
        std::find(out.begin(), out.end(), id) == out.end()) {
      out.push_back(id);
    }
  }
  return out;
}

std::vector<model::PlaylistTrack> PlaylistTracks(const std::vector<ExportTrackRef>& refs,
                                                 const std::vector<std::string>& ids) {
  std::vector<model::PlaylistTrack> tracks;
  for (size_t i = 0; i < refs.size(); ++i) {
    model::PlaylistTrack t;
    t.track_id = ids[i];
    t.name = refs[i].name;
    t.artist = refs[i].artist;
    if (refs[i].added_at) t.added_at = *refs[i].added_at;
    tracks.push_back(std::move(t));
  }
  return tracks;
}

bool SameTrackIds(const model::Playlist& p, const std::vector<std::string>& ids) {
  if (p.tracks.size() != ids.size()) return false;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (p.tracks[i].track_id != ids[i]) return false;
  }
  return true;
}

}  // namespace

// Dislikes last: a track both saved and banned ends up disliked.
core::Status LibraryWriter::WriteDurable(const model::UserFeedback& add) {
  using model::FeedbackAction;
  for (auto [action, ids] : {std::pair{FeedbackAction::kLike, &add.liked_tracks},
                             std::pair{FeedbackAction::kSave, &add.saved_tracks},
                             std::pair{FeedbackAction::kDislike, &add.disliked_tracks}}) {
    if (ids->empty()) continue;
    auto stored = store_.preferences().AddTrackFeedback(user_id_, action, *ids);
    if (!stored.ok()) return std::move(stored).error();
  }
  return core::Ok();
}

LibraryWriter::LibraryWriter(store::Store& store, const core::ObjectId& user_id, const CatalogIndex& catalog)
    : store_(store), user_id_(user_id), catalog_(catalog) {}

std::vector<std::string> LibraryWriter::Resolve(const std::vector<ExportTrackRef>& refs) const {
  std::vector<std::string> ids;
  for (const auto& r : refs) ids.push_back(ResolveTrackId(r.track_id, r.artist, r.name, catalog_));
  return ids;
}

core::Status LibraryWriter::WriteLibrary(const ExportLibrary& library, ImportSummary& summary) {
  auto have = store::EffectiveFeedback(store_, user_id_);
  if (!have.ok()) return std::move(have).error();
  std::vector<std::string> saved = Resolve(library.saved_tracks);
  model::UserFeedback add;
  add.liked_tracks = Missing(saved, have->liked_tracks);
  add.saved_tracks = Missing(saved, have->saved_tracks);
  add.disliked_tracks = Missing(Resolve(library.banned_tracks), have->disliked_tracks);
  int64_t rows = static_cast<int64_t>(library.saved_tracks.size() + library.banned_tracks.size());
  int64_t added = static_cast<int64_t>(std::max(add.liked_tracks.size(), add.saved_tracks.size()) +
                                       add.disliked_tracks.size());
  summary.rows += rows;
  summary.imported += added;
  summary.unchanged += rows - added;
  if (added > 0) {
    model::Recommendation doc;
    doc.user_id = user_id_;
    doc.recommendation_type = model::RecommendationType::kHybrid;
    doc.parameters.context = kImportedFeedbackContext;
    doc.user_feedback = add;
    auto saved_doc = store_.recommendations().Save(std::move(doc));
    if (!saved_doc.ok()) return std::move(saved_doc).error();
    if (auto s = WriteDurable(add); !s.ok()) return s;
  }
  if (library.saved_tracks.empty()) return core::Ok();
  ExportPlaylist liked{kLikedSongsPlaylist, "Saved tracks imported from a Spotify data export", std::nullopt,
                       library.saved_tracks, 0};
  ImportSummary ignored;  // the playlist mirrors rows already counted above
  return WritePlaylist(liked, ignored);
}

core::Status LibraryWriter::WritePlaylist(const ExportPlaylist& playlist, ImportSummary& summary) {
  ++summary.rows;
  std::vector<std::string> ids = Resolve(playlist.tracks);
  auto page = store_.playlists().ListByUser(user_id_, 0, kPlaylistPage);
  if (!page.ok()) return std::move(page).error();
  std::string name = playlist.name.empty() ? "Untitled playlist" : playlist.name;
  for (const model::Playlist& existing : page->items) {
    if (existing.name != name) continue;
    if (SameTrackIds(existing, ids)) {
      ++summary.unchanged;
      return core::Ok();
    }
    ++summary.updated;
    auto replaced = store_.playlists().ReplaceTracks(existing.id, PlaylistTracks(playlist.tracks, ids));
    return replaced.ok() ? core::Ok() : core::Status(std::move(replaced).error());
  }
  model::Playlist doc;
  doc.user_id = user_id_;
  doc.name = name;
  if (!playlist.description.empty()) doc.description = playlist.description;
  doc.playlist_type = model::PlaylistType::kManual;
  doc.tracks = PlaylistTracks(playlist.tracks, ids);
  ++summary.imported;
  auto created = store_.playlists().Create(std::move(doc));
  return created.ok() ? core::Ok() : core::Status(std::move(created).error());
}

}  // namespace echotune::ingest
