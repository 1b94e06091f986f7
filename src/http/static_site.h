// StaticSite: the built web UI (web/dist) served from memory at `/`.
//
// Load() reads every regular file under the directory once, at start (the
// dist is a few hundred KB); Serve() never touches the disk, so it is safe on
// an io_context thread. Caching: files under /assets/ (Vite's content-hashed
// names) get `Cache-Control: public, max-age=31536000, immutable`; everything
// else, index.html included, `no-cache`. A file with a precompressed
// sibling `<file>.gz` is sent gzipped to clients that accept gzip.
//
// Routing contract (see Pipeline): only GET/HEAD requests for paths the
// router does not know reach Serve(). Paths under the reserved API prefixes
// (/api, /auth, /socket.io, /metrics) are never served from here and keep
// their JSON 404; a missing /assets/ file is a plain 404; any other unknown
// path is an app route and gets index.html (the single-page app routes it).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace echotune::http {

class StaticSite final {
 public:
  // VALIDATION_ERROR naming ECHOTUNE_WEB_DIR when `dir` is not a directory
  // holding index.html. Blocking (reads the files).
  static core::Result<std::unique_ptr<StaticSite>> Load(const std::string& dir);

  // True for /api, /api/…, /auth…, /socket.io…, /metrics…: never static.
  static bool IsReserved(std::string_view path);

  // The response for `path` (GET/HEAD), or nullopt when `path` is reserved.
  // Thread-safe (immutable after Load).
  std::optional<RawResponse> Serve(const RawRequest& req, std::string_view path) const;

  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::shared_ptr<const std::string> bytes;
    std::shared_ptr<const std::string> gzipped;  // null when there is no .gz sibling
    std::string content_type;
    bool immutable = false;
  };
  RawResponse Respond(const RawRequest& req, const File& file) const;

  std::map<std::string, File, std::less<>> files_;  // key: "/index.html", "/assets/x.js"
};

// "text/javascript; charset=utf-8" etc., from the file name's extension.
std::string ContentTypeFor(std::string_view file_name);

}  // namespace echotune::http
