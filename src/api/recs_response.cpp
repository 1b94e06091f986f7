#include "api/recs_response.h"

#include "http/envelope.h"

namespace echotune::api {

boost::json::array RecsData(const RecsPage& page) {
  boost::json::array data;
  data.reserve(page.tracks.size());
  for (const auto& c : page.tracks) data.push_back(CandidateJson(c));
  return data;
}

boost::json::object RecsMeta(const RecsQuery& q, const RecsPage& page, bool cached) {
  boost::json::value id = page.recommendation_id ? boost::json::value(*page.recommendation_id) : nullptr;
  return {{"strategy", recs::StrategyName(q.strategy)}, {"total", page.total}, {"limit", q.limit},
          {"offset", q.offset}, {"cached", cached}, {"recommendationId", std::move(id)},
          {"coldStart", page.cold_start}};
}

std::string CachedRecsBody(const boost::json::array& data, const RecsQuery& q, const RecsPage& page) {
  return http::SuccessBody(data, RecsMeta(q, page, true));
}

}  // namespace echotune::api
