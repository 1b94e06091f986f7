// AnalyticsRepository: echotune_analytics_events. Blocking, thread-safe.
// Events older than 90 days (createdAt) are never returned.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/analytics_event.h"

namespace echotune::store {

struct EventQuery {
  std::optional<core::ObjectId> user_id;
  std::optional<model::EventType> event_type;
  std::optional<core::TimePoint> from;  // timestamp >= from
  std::optional<core::TimePoint> to;    // timestamp < to
  int64_t limit = 1000;
};

class AnalyticsRepository {
 public:
  virtual ~AnalyticsRepository() = default;

  // New _id, createdAt = now. VALIDATION_ERROR; NOT_FOUND when userId is set
  // and the user does not exist.
  virtual core::Result<model::AnalyticsEvent> Insert(model::AnalyticsEvent event) = 0;
  // Matching events, newest timestamp first, at most query.limit.
  virtual core::Result<std::vector<model::AnalyticsEvent>> Query(const EventQuery& query) = 0;
};

}  // namespace echotune::store
