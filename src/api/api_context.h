// ApiContext: what route handlers may use. Owned by app::Service; every
// reference is valid for the life of the routes. Handlers stay thin: parse,
// call one domain function (blocking ones through `workers`), serialise.
#pragma once

#include "cache/cache_manager.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/worker_pool.h"
#include "http/jwt_codec.h"
#include "store/store.h"

namespace echotune::api {

struct SpotifyServices;
class KnownUsers;

struct ApiContext {
  const core::Config& config;
  const core::Clock& clock;
  core::WorkerPool& workers;  // every store call runs here, never on an io thread
  store::Store& store;
  cache::CacheManager& cache;
  const http::JwtCodec& jwt;
  SpotifyServices* spotify = nullptr;  // the Web API client (issue 11); set by app::Service
  KnownUsers* known_users = nullptr;   // memo of the token check's user lookup; null: ask the store each time
};

}  // namespace echotune::api
