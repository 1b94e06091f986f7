// The response of GET /api/recommendations for a computed page — data, meta —
// and the serialised envelope it is cached (and served from the cache) as.
// Shared by the route and the background refresh, so both cache the same
// bytes. Pure; thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>

#include "api/recs_query.h"
#include "api/recs_service.h"

namespace echotune::api {

// One CandidateJson per track of the page, in order.
boost::json::array RecsData(const RecsPage& page);
// {tolerance, widened, fitting, genresRelaxed} when applied; genres: what each
// requested genre matched in the catalogue.
boost::json::object ContextJson(const recs::ContextReport& c);
// {strategy, total, limit, offset, cached, recommendationId, coldStart, context}.
boost::json::object RecsMeta(const RecsQuery& q, const RecsPage& page, bool cached);
// The success envelope with meta.cached = true, as stored under RecsCacheKey.
std::string CachedRecsBody(const boost::json::array& data, const RecsQuery& q, const RecsPage& page);

}  // namespace echotune::api
