#include "app/web_ui.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>

#include "http/static_site.h"

#ifndef ECHOTUNE_SOURCE_DIR
#define ECHOTUNE_SOURCE_DIR "."
#endif

namespace echotune::app {
namespace {

constexpr std::string_view kNotBuiltHtml =
    "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>EchoTune</title>"
    "<p>The EchoTune web UI is not built. Build it with <code>scripts/build-web</code> "
    "(<code>make run</code> does), or point <code>ECHOTUNE_WEB_DIR</code> at a built "
    "<code>dist</code> directory. The API is at <a href=\"/api/docs\">/api/docs</a>.</p></html>\n";

}  // namespace

std::string DefaultWebDir() { return std::string(ECHOTUNE_SOURCE_DIR) + "/web/dist"; }

core::Result<WebFallback> LoadWebUi(const char* (*getenv)(const char*)) {
  const char* env = getenv ? getenv("ECHOTUNE_WEB_DIR") : std::getenv("ECHOTUNE_WEB_DIR");
  const bool explicit_dir = env && *env;
  const std::string dir = explicit_dir ? std::string(env) : DefaultWebDir();
  auto site = http::StaticSite::Load(dir);
  if (!site.ok()) {
    if (explicit_dir) return std::move(site).error();
    spdlog::warn("web UI not served: {}", site.error().message);
    return WebFallback([](const http::RawRequest& req,
                          std::string_view path) -> std::optional<http::RawResponse> {
      if (path != "/" && path != "/index.html") return std::nullopt;
      http::RawResponse res{http::beast_http::status::ok, req.version()};
      res.set(http::beast_http::field::content_type, "text/html; charset=utf-8");
      res.set(http::beast_http::field::cache_control, "no-cache");
      res.body() = std::string(kNotBuiltHtml);
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      return res;
    });
  }
  spdlog::info("web UI: {} files from {}", (*site)->file_count(), dir);
  std::shared_ptr<const http::StaticSite> shared = std::move(site).value();
  return WebFallback([shared](const http::RawRequest& req, std::string_view path) {
    return shared->Serve(req, path);
  });
}

}  // namespace echotune::app
