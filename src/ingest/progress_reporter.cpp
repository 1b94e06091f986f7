#include "ingest/progress_reporter.h"

#include <algorithm>
#include <cstdio>

#include "ingest/import_summary.h"

namespace echotune::ingest {
namespace {

constexpr int kBarWidth = 30;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

std::string Duration(double seconds) {
  char buf[32];
  if (seconds >= 3600) std::snprintf(buf, sizeof buf, "%dh%02dm", int(seconds / 3600), int(seconds / 60) % 60);
  else if (seconds >= 60) std::snprintf(buf, sizeof buf, "%dm%02ds", int(seconds / 60), int(seconds) % 60);
  else std::snprintf(buf, sizeof buf, "%.0fs", seconds);
  return buf;
}

}  // namespace

ProgressReporter::ProgressReporter(std::ostream& out, bool terminal, const core::Clock& clock)
    : out_(out), terminal_(terminal), clock_(clock) {}

void ProgressReporter::BeginFile(const std::string& name, int64_t total_rows) {
  name_ = name;
  total_ = total_rows;
  done_ = 0;
  started_ = clock_.Now();
  last_draw_ = core::TimePoint{};
}

double ProgressReporter::Seconds() const {
  return std::chrono::duration<double>(clock_.Now() - started_).count();
}

void ProgressReporter::Update(int64_t rows_done) {
  done_ = rows_done;
  if (!terminal_ || clock_.Now() - last_draw_ < kRedrawEvery) return;
  last_draw_ = clock_.Now();
  Draw(rows_done);
}

void ProgressReporter::Draw(int64_t rows_done) {
  double seconds = Seconds();
  double rate = seconds > 0 ? static_cast<double>(rows_done) / seconds : 0;
  out_ << '\r' << Bar(rows_done, total_, rate, name_) << "\x1b[K" << std::flush;
}

void ProgressReporter::EndFile(const std::string& summary) {
  double seconds = Seconds();
  if (terminal_) Draw(total_ > 0 ? total_ : done_);
  if (terminal_) out_ << '\n';
  char timing[64];
  double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  std::snprintf(timing, sizeof timing, " in %.2fs (%.0f rows/s)", seconds, rate);
  out_ << name_ << ": " << summary << timing << '\n' << std::flush;
}

std::string ProgressReporter::Bar(int64_t done, int64_t total, double rows_per_s, const std::string& name) {
  double fraction = total > 0 ? std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0) : 0;
  int filled = static_cast<int>(fraction * kBarWidth);
  std::string bar = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
  bar += WithThousands(done) + (total > 0 ? "/" + WithThousands(total) : "") + " rows";
  char rate[64];
  std::snprintf(rate, sizeof rate, "  %s rows/s", WithThousands(static_cast<int64_t>(rows_per_s)).c_str());
  bar += rate;
  if (total > 0 && rows_per_s > 0) bar += "  ETA " + Duration(static_cast<double>(total - done) / rows_per_s);
  return bar + "  " + name;
}

}  // namespace echotune::ingest
