// Router: the route table as data. Method + path pattern with {param}
// segments; the OpenAPI document is generated from the same table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "http/request.h"

namespace echotune::http {

struct ParamDoc {
  std::string name;
  std::string type = "string";  // OpenAPI scalar type: string, integer, number, boolean
  bool required = false;
  std::string description;
};

struct RouteSpec {
  beast_http::verb method = beast_http::verb::get;
  std::string pattern;      // e.g. "/api/playlists/{id}"
  bool auth = false;        // requires a valid JWT
  std::string tag;          // OpenAPI tag, e.g. "playlists"
  std::string summary;
  std::vector<ParamDoc> query;
  std::string body_example;  // JSON text shown in the docs; empty = no body
  Handler handler;
};

struct RouteMatch {
  const RouteSpec* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
};

// No route has this path at all.
struct PathNotFound {};
// The path exists, with other methods.
struct MethodNotAllowed {
  std::string allow;  // "GET, PATCH"
};

using RouteLookup = std::variant<RouteMatch, PathNotFound, MethodNotAllowed>;

// Not thread-safe to modify; Find() is thread-safe once all routes are added.
class Router final {
 public:
  // REQUIRES: pattern starts with '/'; no two routes with the same method and pattern.
  void Add(RouteSpec spec);
  // HEAD matches GET routes.
  RouteLookup Find(beast_http::verb method, std::string_view path) const;
  const std::vector<RouteSpec>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" marks a parameter
  };
  static bool Matches(const Compiled& c, const std::vector<std::string_view>& parts,
                      std::vector<std::pair<std::string, std::string>>* params);

  std::vector<RouteSpec> routes_;
  std::vector<Compiled> compiled_;
};

// Splits "/a/b/" into {"a", "b"}; empty segments are dropped.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace echotune::http
