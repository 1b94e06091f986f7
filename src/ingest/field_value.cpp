#include "ingest/field_value.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace echotune::ingest {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

std::string_view StripListBrackets(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') return text.substr(1, text.size() - 2);
  return text;
}

std::string_view StripItemQuotes(std::string_view item) {
  item = Trim(item);
  if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') && item.back() == item.front()) {
    item = item.substr(1, item.size() - 2);
  }
  return Trim(item);
}

// Items of "'a', "b, c", d": quoted items may contain commas.
std::vector<std::string> SplitQuotedList(std::string_view inner) {
  std::vector<std::string> items;
  size_t i = 0;
  while (i < inner.size()) {
    while (i < inner.size() && (inner[i] == ',' || std::isspace(static_cast<unsigned char>(inner[i])))) ++i;
    if (i >= inner.size()) break;
    char quote = inner[i];
    size_t end = (quote == '\'' || quote == '"') ? inner.find(quote, i + 1) : inner.find(',', i);
    if (end == std::string_view::npos) end = inner.size();
    std::string_view item = StripItemQuotes(inner.substr(i, end - i + (end < inner.size() && inner[end] != ',' ? 1 : 0)));
    if (!item.empty()) items.emplace_back(item);
    i = end + 1;
  }
  return items;
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool IsMissingValue(std::string_view text, bool quoted) {
  text = Trim(text);
  if (text.empty()) return true;
  if (quoted) return false;
  return text == "NA" || text == "NaN" || text == "null" || text == "NULL" || text == "None";
}

ParsedValue<double> ParseNumber(std::string_view text, bool quoted) {
  if (IsMissingValue(text, quoted)) return {};
  text = Trim(text);
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return {std::nullopt, true};
  }
  return {value, false};
}

ParsedValue<long long> ParseInteger(std::string_view text, bool quoted) {
  ParsedValue<double> number = ParseNumber(text, quoted);
  if (!number.value) return {std::nullopt, number.invalid};
  double v = *number.value;
  if (v != std::floor(v) || std::fabs(v) > 9e15) return {std::nullopt, true};
  return {static_cast<long long>(v), false};
}

ParsedValue<bool> ParseBoolean(std::string_view text, bool quoted) {
  if (IsMissingValue(text, quoted)) return {};
  text = Trim(text);
  for (std::string_view yes : {"true", "1", "yes", "t", "y"}) {
    if (EqualsIgnoreCase(text, yes)) return {true, false};
  }
  for (std::string_view no : {"false", "0", "no", "f", "n"}) {
    if (EqualsIgnoreCase(text, no)) return {false, false};
  }
  return {std::nullopt, true};
}

// The first run of exactly four digits that is a plausible year.
std::optional<int> ReleaseYearOf(std::string_view date) {
  size_t i = 0;
  while (i < date.size()) {
    size_t start = i;
    while (i < date.size() && std::isdigit(static_cast<unsigned char>(date[i]))) ++i;
    if (i - start == 4) {
      int year = 0;
      std::from_chars(date.data() + start, date.data() + i, year);
      if (year >= 1000 && year <= 2999) return year;
    }
    if (i == start) ++i;
  }
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view text, std::string_view separators) {
  text = Trim(text);
  std::string_view inner = StripListBrackets(text);
  if (inner.size() != text.size()) return SplitQuotedList(inner);
  std::vector<std::string> items;
  while (!inner.empty()) {
    size_t cut = inner.find_first_of(separators);
    std::string_view item = StripItemQuotes(inner.substr(0, cut));
    if (!item.empty()) items.emplace_back(item);
    if (cut == std::string_view::npos) break;
    inner.remove_prefix(cut + 1);
  }
  return items;
}

}  // namespace echotune::ingest
