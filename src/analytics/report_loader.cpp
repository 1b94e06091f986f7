#include "analytics/report_loader.h"

namespace echotune::analytics {

core::Result<ListeningReport> LoadListeningReport(store::Store& store, const core::ObjectId& user_id,
                                                  const ReportPeriod& period, size_t top_n) {
  auto log = LoadPlayLog(store, user_id, period.end);
  if (!log.ok()) return std::move(log).error();
  return BuildListeningReport(*log, period, top_n);
}

}  // namespace echotune::analytics
