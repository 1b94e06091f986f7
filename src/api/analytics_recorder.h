// RecordAnalyticsEvent: one analytics_events document for something that just
// happened (timestamp = now). Analytics must never fail the action it
// describes, so a store failure is logged, not returned. BLOCKING (a store
// write): call it on the worker pool.
#pragma once

#include <boost/json/object.hpp>

#include "core/clock.h"
#include "core/object_id.h"
#include "model/analytics_event.h"
#include "store/store.h"

namespace echotune::api {

void RecordAnalyticsEvent(store::Store& store, const core::Clock& clock, const core::ObjectId& user,
                          model::EventType type, boost::json::object metadata);

}  // namespace echotune::api
