// Config: every setting of the service, read once from the environment
// (SYSTEM.md §1). Secrets come only from here and are never logged.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace echotune::core {

struct RateLimits {
  int global = 100;
  int auth = 5;
  int chat = 50;
  int recs = 30;
  int spotify = 60;
  int window_s = 15 * 60;
};

struct Config {
  // HTTP
  std::string host = "127.0.0.1";
  uint16_t port = 3000;
  int threads = 0;  // io_context threads; 0 = one per core
  int worker_threads = 0;  // blocking-work pool; 0 = max(2, cores)
  int max_connections = 10000;
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 << 10;
  int read_timeout_s = 30;   // a request must arrive whole within this
  int idle_timeout_s = 60;   // keep-alive connection with no request
  int shutdown_grace_s = 10;
  std::vector<std::string> cors_origins;  // CORS_ORIGINS, comma-separated; "*" allowed
  bool trust_proxy = false;
  RateLimits rate_limits;
  std::string log_level = "info";
  bool test_routes = false;  // ECHOTUNE_TEST_ROUTES: /api/_test/* for the e2e suite only

  // Auth
  std::string jwt_secret;  // JWT_SECRET; empty = generated into a file beside the db
  int jwt_ttl_s = 24 * 3600;

  // Storage
  std::string db_path = "./echotune.db";  // ECHOTUNE_DB_PATH
  std::string mongodb_uri;                 // MONGODB_URI; set = MongoDB backend
  std::string mongodb_db_name = "echotune";
  std::string mongodb_collections_prefix = "echotune_";
  int mongodb_max_pool_size = 10;
  int mongodb_min_pool_size = 5;
  std::string token_key;  // ECHOTUNE_TOKEN_KEY, 64 hex chars (AES-256)

  // Cache
  std::string redis_url;  // REDIS_URL; set = Redis backend (memory fallback)
  int cache_max_mb = 256;

  // Spotify
  std::string spotify_client_id;
  std::string spotify_client_secret;
  std::string spotify_redirect_uri = "http://127.0.0.1:3000/auth/callback";
  std::string spotify_accounts_url = "https://accounts.spotify.com";
  std::string spotify_api_url = "https://api.spotify.com";
  int spotify_connect_timeout_ms = 5000;  // SPOTIFY_CONNECT_TIMEOUT_MS
  int spotify_timeout_ms = 15000;         // SPOTIFY_TIMEOUT_MS: a whole call
  int spotify_sync_interval_s = 300;      // SPOTIFY_SYNC_INTERVAL_S: recently-played pull; 0 = off
  int deleted_user_sweep_s = 30;         // DELETED_USER_SWEEP_S: deleted users out of the model; 0 = off
  int spotify_now_playing_poll_ms = 3000;  // SPOTIFY_NOW_PLAYING_POLL_MS, while someone subscribes
  // Socket.IO (issue 13)
  int realtime_max_sockets_per_user = 10;   // REALTIME_MAX_SOCKETS_PER_USER
  int realtime_max_sessions_per_ip = 100;   // REALTIME_MAX_SESSIONS_PER_IP

  // LLM providers
  std::string gemini_api_key, openai_api_key, openrouter_api_key, anthropic_api_key;
  std::string gemini_base_url = "https://generativelanguage.googleapis.com";
  std::string openai_base_url = "https://api.openai.com/v1";
  std::string openrouter_base_url = "https://openrouter.ai/api/v1";
  std::string anthropic_base_url = "https://api.anthropic.com";
  std::vector<std::string> llm_fallback_chain;  // LLM_FALLBACK_CHAIN, comma-separated
  std::string gemini_model = "gemini-2.0-flash";           // GEMINI_MODEL
  std::string openai_model = "gpt-4o-mini";                // OPENAI_MODEL
  std::string openrouter_model = "openai/gpt-4o-mini";     // OPENROUTER_MODEL
  std::string anthropic_model = "claude-3-5-haiku-latest";  // ANTHROPIC_MODEL
  int llm_first_token_timeout_ms = 20000;  // LLM_FIRST_TOKEN_TIMEOUT_MS
  int llm_timeout_ms = 60000;              // LLM_TIMEOUT_MS: a whole answer

  // Reads every variable through `getenv` (defaults to ::getenv). A variable
  // that is set but malformed is a VALIDATION_ERROR naming it.
  static Result<Config> FromEnvironment(
      const std::function<const char*(const char*)>& getenv = nullptr);

  bool UsesMongo() const { return !mongodb_uri.empty(); }
  bool UsesRedis() const { return !redis_url.empty(); }
};

// One row of the README configuration table (docs are generated from this list).
struct ConfigVariable {
  const char* name;
  const char* default_value;
  const char* meaning;
};
const std::vector<ConfigVariable>& ConfigVariables();

}  // namespace echotune::core
