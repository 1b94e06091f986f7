#include "app/report_command.h"

#include <iostream>
#include <memory>

#include "analytics/report_json.h"
#include "analytics/report_loader.h"
#include "analytics/report_svg.h"
#include "analytics/report_text.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/json_write.h"
#include "core/logging.h"
#include "store/store.h"

namespace echotune::app {
namespace {

struct ReportArgs {
  std::string user;
  std::string period = "month";
  std::string date;
  bool json = false;
  bool svg = false;
};

int Fail(const std::string& message, int code) {
  std::cerr << "echotune report: " << message << "\n";
  return code;
}

core::Result<core::ObjectId> ResolveUser(store::Store& store, const std::string& user) {
  if (auto id = core::ObjectId::Parse(user)) return *id;
  auto found = store.users().GetBySpotifyId(user);
  if (!found.ok()) return std::move(found).error();
  return found->id;
}

int Run(const ReportArgs& a) {
  auto now = core::SystemClock::Instance().Now();
  auto period = analytics::MakeReportPeriod(a.period, a.date.empty() ? std::nullopt : std::optional<std::string_view>(a.date), now);
  if (!period.ok()) return Fail(period.error().message, 2);
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) return Fail(config.error().message, 2);
  core::InitLogging("warn");
  auto st = store::OpenStore(*config, core::SystemClock::Instance());
  if (!st.ok()) return Fail(st.error().message, 1);
  auto user = ResolveUser(**st, a.user);
  if (!user.ok()) return Fail("no user " + a.user + ": " + user.error().message, 1);
  auto report = analytics::LoadListeningReport(**st, *user, *period);
  if (!report.ok()) return Fail(report.error().message, 1);
  if (a.svg) std::cout << analytics::ReportSvg(*report);
  else if (a.json) std::cout << core::JsonWrite(analytics::ReportJson(*report)) << "\n";
  else std::cout << analytics::ReportText(*report);
  return 0;
}

}  // namespace

void RegisterReportCommand(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "One user's listening report: week, month or year (issue 16)");
  cmd->add_option("--user", args->user, "User id (24 hex digits) or Spotify id")->required();
  cmd->add_option("--period", args->period, "week, month or year")->capture_default_str();
  cmd->add_option("--date", args->date, "A day inside the period, YYYY-MM-DD (default today, UTC)");
  cmd->add_flag("--json", args->json, "Print the JSON of GET /api/analytics/report");
  cmd->add_flag("--svg", args->svg, "Print the SVG card of GET /api/analytics/report.svg");
  cmd->callback([args] { throw CLI::RuntimeError(Run(*args)); });
}

}  // namespace echotune::app
