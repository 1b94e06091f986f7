// Issue 14 over real HTTP: `echotune serve` serves the built web UI at `/`
// (a small dist directory made by the test), keeps the API's paths, and
// falls back to index.html for the single-page app's routes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/service.h"
#include "app/web_ui.h"
#include "tests/e2e/http_client.h"
#include "tests/e2e/test_service.h"

namespace echotune::e2e {
namespace {

namespace fs = std::filesystem;
constexpr char kImmutable[] = "public, max-age=31536000, immutable";

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// A dist directory like Vite's, with ECHOTUNE_WEB_DIR pointing at it while alive.
class WebDir {
 public:
  WebDir() : dir_(testing::TempDir("webdist")) {
    Write(dir_ / "index.html", "<!doctype html><title>EchoTune</title><div id=root></div>");
    Write(dir_ / "assets/index-abc123.js", "console.log('app');");
    Write(dir_ / "assets/index-abc123.js.gz", "GZIPPED-BYTES");
    Write(dir_ / "assets/index-def456.css", "body{}");
    Write(dir_ / "favicon.svg", "<svg/>");
    ::setenv("ECHOTUNE_WEB_DIR", dir_.c_str(), 1);
  }
  ~WebDir() {
    ::unsetenv("ECHOTUNE_WEB_DIR");
    fs::remove_all(dir_);
  }

 private:
  fs::path dir_;
};

TEST(WebUi, ServesIndexAtRootWithNoCache) {
  WebDir web;
  TestService svc;
  HttpReply r = Fetch(svc.port(), bhttp::verb::get, "/");
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("<div id=root>"), std::string::npos);
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");  // security headers as on the API
  EXPECT_FALSE(r.Header("Content-Security-Policy").empty());
}

TEST(WebUi, HashedAssetsAreImmutableAndTyped) {
  WebDir web;
  TestService svc;
  HttpReply js = Fetch(svc.port(), bhttp::verb::get, "/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200u);
  EXPECT_EQ(js.body, "console.log('app');");
  EXPECT_EQ(js.Header("Cache-Control"), kImmutable);
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Content-Encoding"), "");
  HttpReply css = Fetch(svc.port(), bhttp::verb::get, "/assets/index-def456.css");
  EXPECT_EQ(css.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.Header("Cache-Control"), kImmutable);
  HttpReply icon = Fetch(svc.port(), bhttp::verb::get, "/favicon.svg");
  EXPECT_EQ(icon.Header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(icon.Header("Cache-Control"), "no-cache");  // not hashed: revalidated
}

TEST(WebUi, PrecompressedSiblingIsSentToClientsThatAcceptGzip) {
  WebDir web;
  TestService svc;
  HttpReply r = Fetch(svc.port(), bhttp::verb::get, "/assets/index-abc123.js", "",
                      {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.body, "GZIPPED-BYTES");
  EXPECT_EQ(r.Header("Vary"), "Accept-Encoding");
  // The .gz file itself is not a route of its own.
  HttpReply gz = Fetch(svc.port(), bhttp::verb::get, "/assets/index-abc123.js.gz");
  EXPECT_EQ(gz.status, 404u);
}

TEST(WebUi, UnknownAppPathsFallBackToIndexButMissingAssetsDoNot) {
  WebDir web;
  TestService svc;
  for (const char* path : {"/playlists", "/playlists/665a1b2c3d4e5f6a7b8c9d0e", "/signin",
                           "/analytics?period=7d"}) {
    HttpReply r = Fetch(svc.port(), bhttp::verb::get, path);
    EXPECT_EQ(r.status, 200u) << path;
    EXPECT_NE(r.body.find("<div id=root>"), std::string::npos) << path;
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache") << path;
  }
  HttpReply missing = Fetch(svc.port(), bhttp::verb::get, "/assets/index-old999.js");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.body.find("<div id=root>"), std::string::npos);
  HttpReply traversal = Fetch(svc.port(), bhttp::verb::get, "/../../etc/passwd");
  EXPECT_EQ(traversal.body.find("root:"), std::string::npos);
}

TEST(WebUi, ApiAuthMetricsAndDocsKeepTheirPaths) {
  WebDir web;
  TestService svc;
  HttpReply api404 = Fetch(svc.port(), bhttp::verb::get, "/api/no-such-thing");
  EXPECT_EQ(api404.status, 404u);
  EXPECT_EQ(api404.Json().at("success"), false);
  EXPECT_EQ(api404.Json().at("code"), "NOT_FOUND");
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/api").status, 404u);
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/auth/nothing").Json().at("success"), false);
  // Whatever /socket.io/ answers (issue 13), it is never the app shell.
  EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/socket.io/?EIO=4&transport=polling")
                .body.find("<div id=root>"),
            std::string::npos);
  HttpReply health = Fetch(svc.port(), bhttp::verb::get, "/api/health");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.Json().at("success"), true);
  HttpReply metrics = Fetch(svc.port(), bhttp::verb::get, "/metrics");
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_NE(metrics.body.find("# TYPE"), std::string::npos);
  HttpReply docs = Fetch(svc.port(), bhttp::verb::get, "/api/docs");
  EXPECT_EQ(docs.status, 200u);
  EXPECT_EQ(docs.body.find("<div id=root>"), std::string::npos);
  // Only GET and HEAD reach the UI: other methods on unknown paths keep the JSON 404.
  HttpReply post = Fetch(svc.port(), bhttp::verb::post, "/playlists", "{}");
  EXPECT_EQ(post.status, 404u);
  EXPECT_EQ(post.Json().at("code"), "NOT_FOUND");
}

TEST(WebUi, HeadAnswersHeadersWithoutABody) {
  WebDir web;
  TestService svc;
  HttpConnection c(svc.port());
  std::string raw = c.Raw("HEAD /playlists HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                          std::chrono::seconds(5));
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  EXPECT_NE(raw.find("Cache-Control: no-cache"), std::string::npos) << raw;
  EXPECT_NE(raw.find("Content-Type: text/html"), std::string::npos) << raw;
  // Nothing after the header block: HEAD has no body.
  EXPECT_EQ(raw.find("\r\n\r\n") + 4, raw.size()) << raw;
}

TEST(WebUi, StaticFilesAreNotRateLimited) {
  WebDir web;
  TestService svc({{"RATE_LIMIT_GLOBAL", "3"}});
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Fetch(svc.port(), bhttp::verb::get, "/assets/index-abc123.js").status, 200u) << i;
  }
}

TEST(WebUi, AnExplicitWebDirWithoutIndexIsAStartError) {
  auto empty = testing::TempDir("webdist-empty");
  ::setenv("ECHOTUNE_WEB_DIR", empty.c_str(), 1);
  EXPECT_THROW(TestService svc, std::runtime_error);
  ::unsetenv("ECHOTUNE_WEB_DIR");
  fs::remove_all(empty);
}

TEST(WebUi, WithoutABuildRootSaysHowToBuildIt) {
  ::unsetenv("ECHOTUNE_WEB_DIR");
  auto result = app::LoadWebUi([](const char* name) -> const char* {
    return std::string_view(name) == "ECHOTUNE_WEB_DIR" ? "" : nullptr;
  });
  ASSERT_TRUE(result.ok());
  // Exercised only when the source tree has no build; either way "/" answers HTML.
  http::RawRequest req{http::beast_http::verb::get, "/", 11};
  auto res = (*result)(req, "/");
  ASSERT_TRUE(res.has_value());
  EXPECT_EQ(res->result_int(), 200u);
  EXPECT_EQ((*result)(req, "/api/x").has_value(), false);
}

}  // namespace
}  // namespace echotune::e2e
