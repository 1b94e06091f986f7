#include "ingest/progress_reporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/time_format.h"
#include "ingest/import_summary.h"

namespace echotune::ingest {
namespace {

TEST(ProgressReporter, BarShowsRowsRateAndEta) {
  EXPECT_EQ(ProgressReporter::Bar(5000, 10000, 2500, "f.json"),
            "[###############...............] 5,000/10,000 rows  2,500 rows/s  ETA 2s  f.json");
  EXPECT_EQ(ProgressReporter::Bar(7, 0, 0, "x"), "[..............................] 7 rows  0 rows/s  x");
}

TEST(ProgressReporter, WithoutTerminalPrintsOneLinePerFile) {
  std::ostringstream out;
  core::FakeClock clock(core::FromUnixMillis(0));
  ProgressReporter p(out, false, clock);
  p.BeginFile("a.json", 100);
  p.Update(50);
  clock.Advance(core::Millis(2000));
  p.Update(100);
  p.EndFile("imported 100");
  EXPECT_EQ(out.str(), "a.json: imported 100 in 2.00s (50 rows/s)\n");
}

TEST(ProgressReporter, OnATerminalRedrawsTheBar) {
  std::ostringstream out;
  core::FakeClock clock(core::FromUnixMillis(1000));
  ProgressReporter p(out, true, clock);
  p.BeginFile("a.json", 10);
  clock.Advance(core::Millis(1000));
  p.Update(5);
  EXPECT_NE(out.str().find("\r[###############"), std::string::npos);
  EXPECT_NE(out.str().find("5/10 rows  5 rows/s  ETA 1s  a.json"), std::string::npos);
}

TEST(ImportSummary, OneLineAndThousands) {
  ImportSummary s;
  s.imported = 6928;
  s.skipped["podcast"] = 49;
  s.skipped["video"] = 16;
  EXPECT_EQ(s.OneLine(), "imported 6,928, updated 0, unchanged 0, skipped 65 (podcast 49, video 16), errors 0");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
  EXPECT_EQ(WithThousands(0), "0");
}

}  // namespace
}  // namespace echotune::ingest
