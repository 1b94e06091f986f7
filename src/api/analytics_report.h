// The analytics reports of /api/analytics/* (issue 7), computed from the store.
// Blocking: run on the WorkerPool. Each returns the `data` of the reply, or the
// store's error. Thread-safe (the store is).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/listening_stats.h"
#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "store/store.h"

namespace echotune::api {

struct ReportQuery {
  core::ObjectId user_id;
  Period period;
  core::TimePoint now{};
  int limit = 10;
};

// [{artist, playCount, percentage, totalMs}] most played first; percentage of
// the period's plays.
core::Result<boost::json::array> TopArtistsReport(store::Store& store, const ReportQuery& q);
// [{trackId, trackName, artist, playCount, percentage, totalMs}].
core::Result<boost::json::array> TopTracksReport(store::Store& store, const ReportQuery& q);
// [{genre, playCount, percentage}]: a play counts for every genre of its track
// (track_metadata); percentage of all the period's plays.
core::Result<boost::json::array> TopGenresReport(store::Store& store, const ReportQuery& q);
// {period, plays, totalMs, sessions, averageSessionMs, windows: {7d, 30d, all}}.
core::Result<boost::json::object> ListeningTimeReport(store::Store& store, const ReportQuery& q);
// Seven entries Monday…Sunday (UTC): {day, weekday (0 = Monday), averageEnergy
// (null without data), plays (those with a known energy)}.
core::Result<boost::json::array> EnergyTrendReport(store::Store& store, const ReportQuery& q);
// Everything stored about the user, without tokens or secrets.
core::Result<boost::json::object> ExportUserData(store::Store& store, const core::ObjectId& user_id,
                                                 core::TimePoint now);

}  // namespace echotune::api
