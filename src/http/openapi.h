// The OpenAPI 3.0 document, generated from the route table.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "http/router.h"

namespace echotune::http {

// Every route of `router` with its method, summary, tag, path and query
// parameters, request body example, bearer security and the envelope responses.
boost::json::object BuildOpenApi(const Router& router, const std::string& version);

}  // namespace echotune::http
