// LibraryWriter: the library and playlists of a Spotify export into the store.
#pragma once

#include <string>
#include <vector>

#include "core/object_id.h"
#include "core/result.h"
#include "ingest/catalog_index.h"
#include "ingest/export_library.h"
#include "ingest/import_summary.h"
#include "store/store.h"

namespace echotune::ingest {

// Name of the playlist that mirrors the saved tracks of YourLibrary.json.
inline constexpr const char* kLikedSongsPlaylist = "Liked Songs";
// recommendations.parameters.context of the document that carries imported feedback.
inline constexpr const char* kImportedFeedbackContext = "import:spotify-export:YourLibrary.json";

class LibraryWriter {
 public:
  // All references must outlive the writer.
  LibraryWriter(store::Store& store, const core::ObjectId& user_id, const CatalogIndex& catalog);

  // Saved tracks → liked + saved feedback, banned tracks → disliked feedback; only
  // ids not already in the user's feedback (store::EffectiveFeedback) are written:
  // durably into the preferences' trackFeedback, and as one recommendations
  // document with no tracks (type hybrid, parameters.context kImportedFeedbackContext).
  // Also upserts the "Liked Songs" playlist. Counts go to `summary`.
  core::Status WriteLibrary(const ExportLibrary& library, ImportSummary& summary);

  // Creates the playlist (type manual), or when the user has one of that name with
  // other tracks replaces its tracks; unchanged when the tracks are the same.
  core::Status WritePlaylist(const ExportPlaylist& playlist, ImportSummary& summary);

 private:
  std::vector<std::string> Resolve(const std::vector<ExportTrackRef>& refs) const;
  core::Status WriteDurable(const model::UserFeedback& add);

  store::Store& store_;
  const core::ObjectId& user_id_;
  const CatalogIndex& catalog_;
};

}  // namespace echotune::ingest
