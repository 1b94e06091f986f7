// From an ExportPlay to the listening_history document the store keeps.
#pragma once

#include "core/object_id.h"
#include "ingest/catalog_index.h"
#include "ingest/export_play.h"
#include "model/listen.h"

namespace echotune::ingest {

// A play shorter than this counts as a skip (SYSTEM.md §4).
inline constexpr long long kSkipThresholdMs = 30'000;

// trackId: the play's Spotify id; else the catalogue's match for (artist, track
// name); else LocalTrackId(artist, track). playedAt: when the play started (end −
// ms played). durationMs: the catalogue's when known, else ms played. skip_count 1
// when the export says skipped or the play lasted under 30 s. context.device_type
// from the platform. Missing names are filled from the catalogue, else "Unknown".
model::Listen ToListen(const ExportPlay& play, const core::ObjectId& user_id, const CatalogIndex& catalog);

// The trackId a (track id?, artist, name) reference resolves to, by the same rules.
std::string ResolveTrackId(const std::optional<std::string>& track_id, std::string_view artist,
                           std::string_view name, const CatalogIndex& catalog);

}  // namespace echotune::ingest
