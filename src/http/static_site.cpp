#include "http/static_site.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace echotune::http {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

bool HasPrefixSegment(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/' || path[prefix.size()] == '?';
}

bool AcceptsGzip(const RawRequest& req) {
  std::string_view ae = req[beast_http::field::accept_encoding];
  return ae.find("gzip") != std::string_view::npos;
}

}  // namespace

std::string ContentTypeFor(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool StaticSite::IsReserved(std::string_view path) {
  return HasPrefixSegment(path, "/api") || HasPrefixSegment(path, "/auth") ||
         HasPrefixSegment(path, "/socket.io") || HasPrefixSegment(path, "/metrics");
}

core::Result<std::unique_ptr<StaticSite>> StaticSite::Load(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(dir) / "index.html", ec)) {
    return core::Error::Validation("ECHOTUNE_WEB_DIR",
                                   "no index.html in " + dir + " (build the web UI: make run)");
  }
  auto site = std::unique_ptr<StaticSite>(new StaticSite());
  const fs::path root = fs::canonical(dir, ec);
  if (ec) return core::Error::Validation("ECHOTUNE_WEB_DIR", "cannot open " + dir);
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const fs::path& p = it->path();
    if (p.extension() == ".gz") continue;  // attached to its original below
    auto bytes = ReadFile(p);
    if (!bytes) continue;
    std::string key = "/" + fs::relative(p, root).generic_string();
    File f;
    f.bytes = std::make_shared<const std::string>(std::move(*bytes));
    if (auto gz = ReadFile(fs::path(p.string() + ".gz"))) {
      f.gzipped = std::make_shared<const std::string>(std::move(*gz));
    }
    f.content_type = ContentTypeFor(key);
    f.immutable = key.starts_with("/assets/");
    site->files_.emplace(std::move(key), std::move(f));
  }
  return site;
}

RawResponse StaticSite::Respond(const RawRequest& req, const File& file) const {
  RawResponse res{beast_http::status::ok, req.version()};
  res.set(beast_http::field::content_type, file.content_type);
  res.set(beast_http::field::cache_control,
          file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.gzipped) res.set(beast_http::field::vary, "Accept-Encoding");
  const bool gz = file.gzipped && AcceptsGzip(req);
  if (gz) res.set(beast_http::field::content_encoding, "gzip");
  res.body().Share(gz ? file.gzipped : file.bytes);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  if (req.method() == beast_http::verb::head) res.body().clear();
  return res;
}

std::optional<RawResponse> StaticSite::Serve(const RawRequest& req, std::string_view path) const {
  if (IsReserved(path)) return std::nullopt;
  std::string_view key = path == "/" ? std::string_view("/index.html") : path;
  if (key.find("..") == std::string_view::npos) {
    if (auto it = files_.find(key); it != files_.end()) return Respond(req, it->second);
  }
  if (path.starts_with("/assets/")) {  // a stale hashed name: not the app shell
    RawResponse res{beast_http::status::not_found, req.version()};
    res.set(beast_http::field::content_type, "text/plain; charset=utf-8");
    res.set(beast_http::field::cache_control, "no-cache");
    res.body() = std::string("Not found\n");
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    if (req.method() == beast_http::verb::head) res.body().clear();
    return res;
  }
  return Respond(req, files_.find(std::string_view("/index.html"))->second);
}

}  // namespace echotune::http
