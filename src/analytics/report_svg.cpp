#include "analytics/report_svg.h"

#include <algorithm>
#include <cstdio>

#include "analytics/report_json.h"

namespace echotune::analytics {
namespace {

constexpr int kWidth = 600, kHeight = 420;
constexpr size_t kCardArtists = 5;

std::string Text(int x, int y, int size, std::string_view fill, std::string_view body, bool bold = false) {
  char head[160];
  std::snprintf(head, sizeof head, R"(<text x="%d" y="%d" font-size="%d" fill="%.*s"%s>)", x, y, size,
                static_cast<int>(fill.size()), fill.data(), bold ? R"( font-weight="bold")" : "");
  return head + XmlEscape(body) + "</text>\n";
}

std::string Rect(double x, double y, double w, double h, std::string_view fill, double opacity = 1.0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, R"(<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%.*s" fill-opacity="%.2f"/>)",
                x, y, w, h, static_cast<int>(fill.size()), fill.data(), opacity);
  return std::string(buf) + "\n";
}

std::string Title(const ListeningReport& r) {
  return std::string("My ") + std::string(PeriodName(r.period.kind)) + " in music · " + FormatDay(r.period.start) +
         " – " + FormatDay(r.period.end - std::chrono::hours(24));
}

std::string Figures(const ListeningReport& r) {
  const Totals& t = r.current;
  std::string out = Text(24, 96, 30, "#1db954", std::to_string(Minutes(t.total_ms)) + " minutes", true);
  out += Text(24, 122, 14, "#cccccc",
              std::to_string(t.plays) + " plays · " + std::to_string(t.distinct_tracks) + " tracks · " +
                  std::to_string(t.distinct_artists) + " artists · " + std::to_string(r.new_artist_count) +
                  " new · longest streak " + std::to_string(r.longest_streak.days) + " days");
  return out;
}

std::string ArtistBars(const ListeningReport& r) {
  std::string out = Text(24, 160, 15, "#ffffff", "Top artists", true);
  int64_t most = r.top_artists.empty() ? 1 : r.top_artists.front().plays;
  for (size_t i = 0; i < std::min(kCardArtists, r.top_artists.size()); ++i) {
    const auto& a = r.top_artists[i];
    double y = 172 + 26.0 * static_cast<double>(i);
    out += Rect(24, y, 250.0 * static_cast<double>(a.plays) / static_cast<double>(most), 20, "#1db954", 0.35);
    out += Text(30, static_cast<int>(y) + 15, 13, "#ffffff",
                std::to_string(i + 1) + ". " + a.name + " (" + std::to_string(a.plays) + ")");
  }
  return out;
}

std::string ClockCells(const ListeningClock& clock) {
  std::string out = Text(24, 318, 15, "#ffffff", "Listening clock (UTC, Monday first)", true);
  int64_t most = 1;
  for (const auto& day : clock) most = std::max(most, *std::max_element(day.begin(), day.end()));
  for (size_t d = 0; d < clock.size(); ++d) {
    for (size_t h = 0; h < clock[d].size(); ++h) {
      double opacity = 0.08 + 0.92 * static_cast<double>(clock[d][h]) / static_cast<double>(most);
      out += Rect(24 + 22.0 * static_cast<double>(h), 326 + 11.0 * static_cast<double>(d), 20, 9, "#1db954", opacity);
    }
  }
  return out;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ReportSvg(const ListeningReport& r) {
  char head[300];
  std::snprintf(head, sizeof head,
                R"(<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" )"
                R"(font-family="Helvetica, Arial, sans-serif">)",
                kWidth, kHeight, kWidth, kHeight);
  std::string svg = std::string(head) + "\n" + Rect(0, 0, kWidth, kHeight, "#121212");
  svg += Text(24, 44, 18, "#ffffff", Title(r), true);
  svg += Text(24, 64, 12, "#888888", "EchoTune listening report");
  svg += Figures(r) + ArtistBars(r) + ClockCells(r.clock);
  return svg + "</svg>\n";
}

}  // namespace echotune::analytics
