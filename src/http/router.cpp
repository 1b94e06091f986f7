#include "http/router.h"

namespace echotune::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

void Router::Add(RouteSpec spec) {
  Compiled c;
  for (auto part : SplitPath(spec.pattern)) c.segments.emplace_back(part);
  compiled_.push_back(std::move(c));
  routes_.push_back(std::move(spec));
}

bool Router::Matches(const Compiled& c, const std::vector<std::string_view>& parts,
                     std::vector<std::pair<std::string, std::string>>* params) {
  if (c.segments.size() != parts.size()) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = c.segments[i];
    bool is_param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    if (!is_param && seg != parts[i]) return false;
  }
  if (params) {
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = c.segments[i];
      if (seg.size() > 2 && seg.front() == '{') {
        params->emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
      }
    }
  }
  return true;
}

RouteLookup Router::Find(beast_http::verb method, std::string_view path) const {
  auto parts = SplitPath(path);
  auto wanted = method == beast_http::verb::head ? beast_http::verb::get : method;
  // Static segments win over parameters: /api/playlists/search before /api/playlists/{id}.
  const RouteSpec* best = nullptr;
  size_t best_index = 0;
  int best_static = -1;
  std::string allow;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (!Matches(compiled_[i], parts, nullptr)) continue;
    if (routes_[i].method != wanted) {
      auto name = beast_http::to_string(routes_[i].method);
      if (allow.find(name) == std::string::npos) {
        if (!allow.empty()) allow += ", ";
        allow.append(name.data(), name.size());
      }
      continue;
    }
    int statics = 0;
    for (const auto& seg : compiled_[i].segments) statics += seg.front() != '{';
    if (statics > best_static) {
      best = &routes_[i];
      best_index = i;
      best_static = statics;
    }
  }
  if (best) {
    RouteMatch m{best, {}};
    Matches(compiled_[best_index], parts, &m.params);
    return m;
  }
  if (!allow.empty()) return MethodNotAllowed{allow};
  return PathNotFound{};
}

}  // namespace echotune::http
