#include "spotify/curl_client.h"

#include <cctype>
#include <charconv>

namespace echotune::spotify {

std::optional<long> RetryAfterFromHeaderLine(std::string_view line) {
  constexpr std::string_view kName = "retry-after:";
  if (line.size() <= kName.size()) return std::nullopt;
  for (size_t i = 0; i < kName.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) return std::nullopt;
  }
  auto value = line.substr(kName.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  long s = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), s);
  if (ec != std::errc() || p == value.data()) return std::nullopt;
  return s;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

}  // namespace echotune::spotify
