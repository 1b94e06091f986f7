// The listening report of one user and period, read from the store.
#pragma once

#include "analytics/listening_report.h"
#include "core/object_id.h"
#include "core/result.h"
#include "store/store.h"

namespace echotune::analytics {

// BLOCKING: one indexed range scan of the user's listens (userId, playedAt)
// up to the period's end and a lookup of their tracks' catalogue facts; run on
// the WorkerPool. NOT_FOUND for an unknown user, else the store's error.
// Thread-safe (the store is).
core::Result<ListeningReport> LoadListeningReport(store::Store& store, const core::ObjectId& user_id,
                                                  const ReportPeriod& period, size_t top_n = 10);

}  // namespace echotune::analytics
