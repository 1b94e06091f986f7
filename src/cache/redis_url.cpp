#include "cache/redis_url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <charconv>

namespace echotune::cache {
namespace {

core::Error Invalid(std::string why) { return core::Error::Validation("REDIS_URL", std::move(why)); }

// "" or "/" -> 0; "/N" -> N; anything else -> -1.
int ParseDb(std::string_view path) {
  if (path.empty() || path == "/") return 0;
  if (path.front() != '/') return -1;
  path.remove_prefix(1);
  int db = -1;
  auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), db);
  if (ec != std::errc() || end != path.data() + path.size() || db < 0) return -1;
  return db;
}

}  // namespace

core::Result<RedisUrl> ParseRedisUrl(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return Invalid("REDIS_URL is not a valid URL");
  const boost::urls::url_view& url = *parsed;
  if (url.scheme() != "redis") return Invalid("REDIS_URL must start with redis://");
  RedisUrl out;
  out.host = url.host_address();
  if (out.host.empty()) return Invalid("REDIS_URL has no host");
  if (url.has_port()) {
    if (url.port().empty() || url.port_number() == 0) return Invalid("REDIS_URL has a bad port");
    out.port = url.port_number();
  }
  if (url.has_userinfo()) {
    out.user = url.user();
    out.password = url.password();
  }
  out.db = ParseDb(std::string_view(url.encoded_path()));
  if (out.db < 0) return Invalid("REDIS_URL has a bad database number");
  return out;
}

}  // namespace echotune::cache
