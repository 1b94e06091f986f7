#include "store/mongo/uri_options.h"

#include <cctype>

namespace echotune::store::mongo {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

std::string WithUriOption(const std::string& uri, std::string_view option, std::string_view value) {
  const auto query = uri.find('?');
  if (query != std::string::npos) {
    std::string_view rest(uri);
    rest.remove_prefix(query + 1);
    while (!rest.empty()) {
      auto end = rest.find_first_of("&;");
      std::string_view pair = rest.substr(0, end);
      if (SameName(pair.substr(0, pair.find('=')), option)) return uri;
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    const bool bare = uri.back() == '?' || uri.back() == '&';
    return uri + (bare ? "" : "&") + std::string(option) + "=" + std::string(value);
  }
  const auto scheme = uri.find("://");
  const bool has_path = scheme != std::string::npos && uri.find('/', scheme + 3) != std::string::npos;
  return uri + (has_path ? "?" : "/?") + std::string(option) + "=" + std::string(value);
}

std::string WithBatchTimeouts(const std::string& uri) {
  return uri.empty() ? uri : WithUriOption(uri, "socketTimeoutMS", "300000");
}

}  // namespace echotune::store::mongo
