// From a CatalogTrack to the track_metadata document the store keeps.
#pragma once

#include "ingest/catalog_track.h"
#include "model/track_metadata.h"

namespace echotune::ingest {

// Fills every field the CSV had; audioFeatures only when at least one feature is
// present; album only when an album id, name or release date is present.
model::TrackMetadata ToTrackMetadata(const CatalogTrack& track);

// True when the two documents hold the same data (ignoring _id, createdAt, updatedAt).
bool SameContent(const model::TrackMetadata& a, const model::TrackMetadata& b);

}  // namespace echotune::ingest
