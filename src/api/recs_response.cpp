#include "api/recs_response.h"

#include "core/json_write.h"
#include "http/envelope.h"

namespace echotune::api {

boost::json::array RecsData(const RecsPage& page) {
  boost::json::array data;
  data.reserve(page.tracks.size());
  for (const auto& c : page.tracks) data.push_back(CandidateJson(c));
  return data;
}

boost::json::object ContextJson(const recs::ContextReport& c) {
  boost::json::object out{{"applied", c.applied}};
  if (c.applied) {
    out["tolerance"] = core::RoundTo(c.tolerance, 3);
    out["widened"] = c.widened;
    out["fitting"] = c.fitting;
    out["genresRelaxed"] = c.genres_relaxed;
    out["filled"] = c.filled;
  }
  if (!c.genres.empty()) {
    boost::json::array genres;
    for (const auto& g : c.genres) {
      boost::json::array matched(g.matched.begin(), g.matched.end());
      genres.push_back({{"requested", g.requested}, {"exact", g.exact}, {"matched", std::move(matched)}});
    }
    out["genres"] = std::move(genres);
  }
  return out;
}

boost::json::object RecsMeta(const RecsQuery& q, const RecsPage& page, bool cached) {
  boost::json::value id = page.recommendation_id ? boost::json::value(*page.recommendation_id) : nullptr;
  return {{"strategy", recs::StrategyName(page.strategy)}, {"total", page.total}, {"limit", q.limit},
          {"offset", q.offset}, {"cached", cached}, {"recommendationId", std::move(id)},
          {"coldStart", page.cold_start}, {"context", ContextJson(page.context)}};
}

std::string CachedRecsBody(const boost::json::array& data, const RecsQuery& q, const RecsPage& page) {
  return http::SuccessBody(data, RecsMeta(q, page, true));
}

}  // namespace echotune::api
