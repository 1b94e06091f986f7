#include "api/analytics_recorder.h"

#include <spdlog/spdlog.h>

namespace echotune::api {

void RecordAnalyticsEvent(store::Store& store, const core::Clock& clock, const core::ObjectId& user,
                          model::EventType type, boost::json::object metadata) {
  model::AnalyticsEvent ev;
  ev.user_id = user;
  ev.event_type = type;
  ev.timestamp = clock.Now();
  ev.metadata = std::move(metadata);
  auto stored = store.analytics().Insert(std::move(ev));
  if (!stored.ok()) spdlog::warn("analytics event not stored: {}", stored.error().message);
}

}  // namespace echotune::api
