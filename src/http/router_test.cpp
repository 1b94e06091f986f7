#include "http/router.h"

#include <gtest/gtest.h>

namespace echotune::http {
namespace {

Handler Noop() {
  return [](Request&) -> boost::asio::awaitable<HandlerResult> { co_return Reply::Json(nullptr); };
}

Router MakeRouter() {
  Router r;
  r.Add({.method = beast_http::verb::get, .pattern = "/api/playlists", .handler = Noop()});
  r.Add({.method = beast_http::verb::get, .pattern = "/api/playlists/search", .handler = Noop()});
  r.Add({.method = beast_http::verb::get, .pattern = "/api/playlists/{id}", .handler = Noop()});
  r.Add({.method = beast_http::verb::patch, .pattern = "/api/playlists/{id}", .handler = Noop()});
  return r;
}

TEST(Router, CapturesPathParameters) {
  Router r = MakeRouter();
  auto found = r.Find(beast_http::verb::patch, "/api/playlists/abc123");
  auto* m = std::get_if<RouteMatch>(&found);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->route->pattern, "/api/playlists/{id}");
  ASSERT_EQ(m->params.size(), 1u);
  EXPECT_EQ(m->params[0], (std::pair<std::string, std::string>{"id", "abc123"}));
}

TEST(Router, StaticSegmentsWinOverParameters) {
  Router r = MakeRouter();
  auto found = r.Find(beast_http::verb::get, "/api/playlists/search");
  EXPECT_EQ(std::get<RouteMatch>(found).route->pattern, "/api/playlists/search");
}

TEST(Router, UnknownPathIsNotFound) {
  Router r = MakeRouter();
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(r.Find(beast_http::verb::get, "/api/nope")));
  EXPECT_TRUE(std::holds_alternative<PathNotFound>(
      r.Find(beast_http::verb::get, "/api/playlists/a/b")));
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router r = MakeRouter();
  auto found = r.Find(beast_http::verb::delete_, "/api/playlists/x");
  auto* m = std::get_if<MethodNotAllowed>(&found);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->allow, "GET, PATCH");
}

TEST(Router, HeadMatchesGetAndTrailingSlashIsIgnored) {
  Router r = MakeRouter();
  EXPECT_TRUE(std::holds_alternative<RouteMatch>(r.Find(beast_http::verb::head, "/api/playlists/")));
}

}  // namespace
}  // namespace echotune::http
