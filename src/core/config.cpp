#include "core/config.h"

#include <charconv>
#include <cstdlib>
#include <thread>

namespace echotune::core {
namespace {

class Env {
 public:
  explicit Env(const std::function<const char*(const char*)>& getenv) : getenv_(getenv) {}

  void String(const char* name, std::string& out) const {
    if (const char* v = Get(name); v && *v) out = v;
  }

  void List(const char* name, std::vector<std::string>& out) const {
    const char* v = Get(name);
    if (!v || !*v) return;
    out.clear();
    std::string_view rest(v);
    while (!rest.empty()) {
      auto comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }

  bool Flag(const char* name) const {
    const char* v = Get(name);
    if (!v) return false;
    std::string_view s(v);
    return s == "1" || s == "true" || s == "yes" || s == "on";
  }

  template <typename Int>
  Status Integer(const char* name, Int& out, long long min, long long max) const {
    const char* v = Get(name);
    if (!v || !*v) return Ok();
    long long parsed = 0;
    std::string_view s(v);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (ec != std::errc() || end != s.data() + s.size() || parsed < min || parsed > max) {
      return Error::Validation(name, std::string(name) + " must be an integer in [" +
                                         std::to_string(min) + ", " + std::to_string(max) + "]");
    }
    out = static_cast<Int>(parsed);
    return Ok();
  }

 private:
  const char* Get(const char* name) const { return getenv_ ? getenv_(name) : std::getenv(name); }
  const std::function<const char*(const char*)>& getenv_;
};

}  // namespace

Result<Config> Config::FromEnvironment(const std::function<const char*(const char*)>& getenv) {
  Config c;
  Env env(getenv);
  env.String("HOST", c.host);
  env.String("LOG_LEVEL", c.log_level);
  env.List("CORS_ORIGINS", c.cors_origins);
  c.trust_proxy = env.Flag("TRUST_PROXY");
  c.test_routes = env.Flag("ECHOTUNE_TEST_ROUTES");
  env.String("JWT_SECRET", c.jwt_secret);
  env.String("ECHOTUNE_DB_PATH", c.db_path);
  env.String("MONGODB_URI", c.mongodb_uri);
  env.String("MONGODB_DB_NAME", c.mongodb_db_name);
  env.String("MONGODB_COLLECTIONS_PREFIX", c.mongodb_collections_prefix);
  env.String("ECHOTUNE_TOKEN_KEY", c.token_key);
  env.String("REDIS_URL", c.redis_url);
  env.String("SPOTIFY_CLIENT_ID", c.spotify_client_id);
  env.String("SPOTIFY_CLIENT_SECRET", c.spotify_client_secret);
  env.String("SPOTIFY_REDIRECT_URI", c.spotify_redirect_uri);
  env.String("SPOTIFY_ACCOUNTS_URL", c.spotify_accounts_url);
  env.String("SPOTIFY_API_URL", c.spotify_api_url);
  env.String("GEMINI_API_KEY", c.gemini_api_key);
  env.String("OPENAI_API_KEY", c.openai_api_key);
  env.String("OPENROUTER_API_KEY", c.openrouter_api_key);
  env.String("ANTHROPIC_API_KEY", c.anthropic_api_key);
  env.String("GEMINI_BASE_URL", c.gemini_base_url);
  env.String("OPENAI_BASE_URL", c.openai_base_url);
  env.String("OPENROUTER_BASE_URL", c.openrouter_base_url);
  env.String("ANTHROPIC_BASE_URL", c.anthropic_base_url);
  env.List("LLM_FALLBACK_CHAIN", c.llm_fallback_chain);
  env.String("GEMINI_MODEL", c.gemini_model);
  env.String("OPENAI_MODEL", c.openai_model);
  env.String("OPENROUTER_MODEL", c.openrouter_model);
  env.String("ANTHROPIC_MODEL", c.anthropic_model);

  for (Status s : {
           env.Integer("PORT", c.port, 0, 65535),
           env.Integer("ECHOTUNE_THREADS", c.threads, 0, 256),
           env.Integer("ECHOTUNE_WORKER_THREADS", c.worker_threads, 0, 256),
           env.Integer("ECHOTUNE_MAX_CONNECTIONS", c.max_connections, 1, 1000000),
           env.Integer("ECHOTUNE_READ_TIMEOUT_S", c.read_timeout_s, 1, 3600),
           env.Integer("ECHOTUNE_IDLE_TIMEOUT_S", c.idle_timeout_s, 1, 3600),
           env.Integer("ECHOTUNE_SHUTDOWN_GRACE_S", c.shutdown_grace_s, 0, 3600),
           env.Integer("LLM_FIRST_TOKEN_TIMEOUT_MS", c.llm_first_token_timeout_ms, 1, 600000),
           env.Integer("LLM_TIMEOUT_MS", c.llm_timeout_ms, 1, 3600000),
           env.Integer("RATE_LIMIT_GLOBAL", c.rate_limits.global, 1, 100000000),
           env.Integer("RATE_LIMIT_AUTH", c.rate_limits.auth, 1, 100000000),
           env.Integer("RATE_LIMIT_CHAT", c.rate_limits.chat, 1, 100000000),
           env.Integer("RATE_LIMIT_RECS", c.rate_limits.recs, 1, 100000000),
           env.Integer("RATE_LIMIT_SPOTIFY", c.rate_limits.spotify, 1, 100000000),
           env.Integer("SPOTIFY_CONNECT_TIMEOUT_MS", c.spotify_connect_timeout_ms, 1, 600000),
           env.Integer("SPOTIFY_TIMEOUT_MS", c.spotify_timeout_ms, 1, 600000),
           env.Integer("SPOTIFY_SYNC_INTERVAL_S", c.spotify_sync_interval_s, 0, 86400 * 7),
           env.Integer("DELETED_USER_SWEEP_S", c.deleted_user_sweep_s, 0, 86400),
           env.Integer("SPOTIFY_NOW_PLAYING_POLL_MS", c.spotify_now_playing_poll_ms, 100, 3600000),
           env.Integer("REALTIME_MAX_SOCKETS_PER_USER", c.realtime_max_sockets_per_user, 1, 1000000),
           env.Integer("REALTIME_MAX_SESSIONS_PER_IP", c.realtime_max_sessions_per_ip, 1, 10000000),
           env.Integer("RATE_LIMIT_WINDOW_S", c.rate_limits.window_s, 1, 86400 * 7),
           env.Integer("MONGODB_MAX_POOL_SIZE", c.mongodb_max_pool_size, 1, 10000),
           env.Integer("MONGODB_MIN_POOL_SIZE", c.mongodb_min_pool_size, 0, 10000),
           env.Integer("ECHOTUNE_CACHE_MAX_MB", c.cache_max_mb, 1, 1 << 20),
       }) {
    if (!s.ok()) return std::move(s).error();
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (c.threads == 0) c.threads = static_cast<int>(cores);
  if (c.worker_threads == 0) c.worker_threads = static_cast<int>(std::max(2u, cores));
  return c;
}

const std::vector<ConfigVariable>& ConfigVariables() {
  static const std::vector<ConfigVariable> kVars = {
      {"HOST", "127.0.0.1", "address to listen on"},
      {"PORT", "3000", "port to listen on"},
      {"JWT_SECRET", "(generated into <db>.jwt-secret)", "HS256 secret for EchoTune tokens"},
      {"ECHOTUNE_DB_PATH", "./echotune.db", "embedded SQLite store"},
      {"ECHOTUNE_TOKEN_KEY", "(generated into <db>.token-key; required with MongoDB)",
       "64 hex chars: AES-256-GCM key for Spotify tokens at rest"},
      {"MONGODB_URI", "(unset: embedded store)", "use MongoDB instead of SQLite"},
      {"MONGODB_DB_NAME", "echotune", "MongoDB database"},
      {"MONGODB_COLLECTIONS_PREFIX", "echotune_", "collection name prefix"},
      {"MONGODB_MAX_POOL_SIZE", "10", "MongoDB connection pool maximum"},
      {"MONGODB_MIN_POOL_SIZE", "5", "MongoDB connection pool minimum"},
      {"REDIS_URL", "(unset: in-process cache)", "redis://[:password@]host:port[/db]"},
      {"ECHOTUNE_CACHE_MAX_MB", "256", "in-process cache memory bound"},
      {"SPOTIFY_CLIENT_ID", "(unset)", "Spotify app client id"},
      {"SPOTIFY_CLIENT_SECRET", "(unset: PKCE only)", "Spotify app client secret"},
      {"SPOTIFY_REDIRECT_URI", "http://127.0.0.1:3000/auth/callback", "OAuth redirect"},
      {"SPOTIFY_ACCOUNTS_URL", "https://accounts.spotify.com", "accounts service base URL"},
      {"SPOTIFY_API_URL", "https://api.spotify.com", "Web API base URL"},
      {"SPOTIFY_CONNECT_TIMEOUT_MS", "5000", "connect timeout of every Spotify call"},
      {"SPOTIFY_TIMEOUT_MS", "15000", "whole-call timeout of every Spotify call"},
      {"SPOTIFY_SYNC_INTERVAL_S", "300", "recently-played pull per connected user; 0 = off"},
      {"DELETED_USER_SWEEP_S", "30", "how soon a user deleted by `echotune delete-user` leaves a running serve's model; 0 = off"},
      {"SPOTIFY_NOW_PLAYING_POLL_MS", "3000", "now-playing poll while someone subscribes"},
      {"GEMINI_API_KEY", "(unset)", "enables the Gemini provider"},
      {"OPENAI_API_KEY", "(unset)", "enables the OpenAI provider"},
      {"OPENROUTER_API_KEY", "(unset)", "enables the OpenRouter provider"},
      {"ANTHROPIC_API_KEY", "(unset)", "enables the Anthropic provider"},
      {"GEMINI_BASE_URL / OPENAI_BASE_URL / OPENROUTER_BASE_URL / ANTHROPIC_BASE_URL",
       "(the providers' own)", "LLM provider base URLs"},
      {"LLM_FALLBACK_CHAIN", "(gemini,openai,openrouter,anthropic; configured ones, then mock)",
       "provider order; unconfigured providers are skipped, mock is always last"},
      {"GEMINI_MODEL / OPENAI_MODEL / OPENROUTER_MODEL / ANTHROPIC_MODEL",
       "gemini-2.0-flash / gpt-4o-mini / openai/gpt-4o-mini / claude-3-5-haiku-latest",
       "default model of each LLM provider (a user's llmModel setting wins for their provider)"},
      {"LLM_FIRST_TOKEN_TIMEOUT_MS", "20000", "an LLM call fails when no answer byte came by then"},
      {"LLM_TIMEOUT_MS", "60000", "an LLM call fails when the whole answer took longer"},
      {"CORS_ORIGINS", "(unset: no CORS)", "comma-separated allowed origins, or *"},
      {"TRUST_PROXY", "false", "take the client address from X-Forwarded-For"},
      {"RATE_LIMIT_GLOBAL", "100", "requests per IP per window"},
      {"RATE_LIMIT_AUTH", "5", "/auth/* requests per IP per window"},
      {"RATE_LIMIT_CHAT", "50", "/api/chat/* requests per IP per window"},
      {"RATE_LIMIT_RECS", "30", "/api/recommendations requests per IP per window"},
      {"RATE_LIMIT_SPOTIFY", "60", "/api/spotify/* requests per IP per window"},
      {"RATE_LIMIT_WINDOW_S", "900", "rate-limit window in seconds"},
      {"ECHOTUNE_THREADS", "(cores)", "io_context threads"},
      {"ECHOTUNE_WORKER_THREADS", "(max(2, cores))", "blocking-work threads"},
      {"ECHOTUNE_MAX_CONNECTIONS", "10000", "open connections limit"},
      {"ECHOTUNE_READ_TIMEOUT_S", "30", "time to receive a whole request"},
      {"ECHOTUNE_IDLE_TIMEOUT_S", "60", "keep-alive idle timeout"},
      {"ECHOTUNE_SHUTDOWN_GRACE_S", "10", "wait for in-flight requests on SIGTERM"},
      {"LOG_LEVEL", "info", "trace, debug, info, warn, error"},
      {"ECHOTUNE_TEST_ROUTES", "false", "mount /api/_test/* (end-to-end tests only; never in production)"},
      {"ECHOTUNE_WEB_DIR", "(web/dist of the source tree)", "the built web UI served at / (read by echotune serve at start; scripts/build-web builds it)"},
  };
  return kVars;
}

}  // namespace echotune::core
