// System endpoints: GET /api/health, GET /metrics, GET /api/docs (a page
// that renders the spec), GET /api/docs/openapi.json.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "api/health_check.h"
#include "core/clock.h"
#include "http/router.h"

namespace echotune::api {

struct SystemDeps {
  std::string version;
  core::TimePoint started_at;
  ServiceChecks checks;
  std::shared_ptr<prometheus::Registry> registry;
  const http::Router* router = nullptr;  // for the OpenAPI document; must outlive the routes
};

void AddSystemRoutes(http::Router& router, SystemDeps deps);

}  // namespace echotune::api
