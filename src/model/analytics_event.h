// AnalyticsEvent: a document of echotune_analytics_events (03-DATA-MODELS.md §7).
// TTL: deleted 90 days after createdAt.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/object_id.h"
#include "core/result.h"
#include "model/enums.h"

namespace echotune::model {

inline constexpr std::chrono::seconds kAnalyticsTtl{7776000};  // 90 days

struct AnalyticsEvent {
  core::ObjectId id;
  std::optional<core::ObjectId> user_id;  // nullopt = anonymous
  EventType event_type = EventType::kTrackPlayed;  // required
  core::TimePoint timestamp{};  // required
  boost::json::object metadata;  // event-specific payload
  std::optional<std::string> session_id;
  core::TimePoint created_at{};  // TTL field, set by the store
};

[[nodiscard]] core::Status Validate(const AnalyticsEvent& event);
boost::json::object ToJson(const AnalyticsEvent& event);
[[nodiscard]] core::Result<AnalyticsEvent> AnalyticsEventFromJson(const boost::json::value& json);

}  // namespace echotune::model
