#include "api/analytics_routes.h"

#include <functional>

#include "analytics/report_json.h"
#include "analytics/report_loader.h"
#include "analytics/report_svg.h"
#include "api/analytics_report.h"
#include "api/request_user.h"
#include "core/json_write.h"

namespace echotune::api {
namespace {

using boost::asio::awaitable;
using http::HandlerResult;
using http::Reply;
using http::Request;

// A report of one period: (store, query) → data, run on the worker pool.
template <typename Data>
using Report = std::function<core::Result<Data>(store::Store&, const ReportQuery&)>;

core::Result<ReportQuery> ParseReportQuery(ApiContext& ctx, const Request& req, bool has_limit) {
  auto user_id = RequestUserId(req);
  if (!user_id.ok()) return std::move(user_id).error();
  auto period = ParsePeriod(req.Query("period"));
  if (!period.ok()) return std::move(period).error();
  auto limit = has_limit ? ParseLimit(req.Query("limit"), "limit", 1, 20, 10) : core::Result<int>(0);
  if (!limit.ok()) return std::move(limit).error();
  return ReportQuery{*user_id, std::move(period).value(), ctx.clock.Now(), *limit};
}

template <typename Data>
awaitable<HandlerResult> RunReport(ApiContext& ctx, Request& req, Report<Data> report,
                                   bool has_limit) {
  auto query = ParseReportQuery(ctx, req, has_limit);
  if (!query.ok()) co_return std::move(query).error();
  auto data = co_await ctx.workers.Run([&] { return report(ctx.store, *query); });
  if (!data.ok()) co_return std::move(data).error();
  boost::json::object meta{{"period", query->period.name}};
  if (has_limit) meta["limit"] = query->limit;
  co_return Reply::Json(std::move(data).value(), std::move(meta));
}

awaitable<HandlerResult> Export(ApiContext& ctx, Request& req) {
  auto user_id = RequestUserId(req);
  if (!user_id.ok()) co_return std::move(user_id).error();
  auto now = ctx.clock.Now();
  auto data = co_await ctx.workers.Run([&] { return ExportUserData(ctx.store, *user_id, now); });
  if (!data.ok()) co_return std::move(data).error();
  Reply reply = Reply::Raw(core::JsonWrite(*data), "application/json");
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"echotune-export-" +
                                                        req.auth->user_id + ".json\"");
  co_return reply;
}

// GET /api/analytics/report[.svg] (issue 16): the week/month/year report.
core::Result<analytics::ListeningReport> LoadReport(ApiContext& ctx, const Request& req,
                                                    const analytics::ReportPeriod& period) {
  auto user_id = RequestUserId(req);
  if (!user_id.ok()) return std::move(user_id).error();
  return analytics::LoadListeningReport(ctx.store, *user_id, period);
}

awaitable<HandlerResult> GetListeningReport(ApiContext& ctx, Request& req, bool svg) {
  auto period = analytics::MakeReportPeriod(req.Query("period"), req.Query("date"), ctx.clock.Now());
  if (!period.ok()) co_return std::move(period).error();
  auto report = co_await ctx.workers.Run([&] { return LoadReport(ctx, req, *period); });
  if (!report.ok()) co_return std::move(report).error();
  if (svg) co_return Reply::Raw(analytics::ReportSvg(*report), "image/svg+xml; charset=utf-8");
  boost::json::object meta{{"period", analytics::PeriodName(period->kind)},
                           {"date", req.Query("date") ? std::string(*req.Query("date"))
                                                      : analytics::FormatDay(ctx.clock.Now())}};
  co_return Reply::Json(analytics::ReportJson(*report), std::move(meta));
}

void AddListeningReports(http::Router& router, ApiContext& ctx) {
  std::vector<http::ParamDoc> query = {{"period", "string", false, "week, month (default) or year (UTC, ISO weeks)"},
                                       {"date", "string", false, "YYYY-MM-DD inside the period; default today"}};
  for (bool svg : {false, true}) {
    router.Add({.method = http::beast_http::verb::get,
                .pattern = svg ? "/api/analytics/report.svg" : "/api/analytics/report",
                .auth = true,
                .tag = "analytics",
                .summary = svg ? "The listening report as a shareable SVG card (image/svg+xml)"
                               : "Listening report: minutes, plays, top artists/tracks/genres vs the previous "
                                 "period, new artists, clock, streak, skips, energy/valence",
                .query = query,
                .handler = [&ctx, svg](Request& req) { return GetListeningReport(ctx, req, svg); }});
  }
}

const http::ParamDoc kPeriod{"period", "string", false, "7d, 30d (default), 90d or all"};
const http::ParamDoc kLimit{"limit", "integer", false, "1–20, default 10"};

template <typename Data>
void AddReport(http::Router& router, ApiContext& ctx, std::string name, std::string summary,
               Report<Data> report, bool has_limit) {
  std::vector<http::ParamDoc> query = {kPeriod};
  if (has_limit) query.push_back(kLimit);
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/analytics/" + name,
              .auth = true,
              .tag = "analytics",
              .summary = std::move(summary),
              .query = std::move(query),
              .handler = [&ctx, report, has_limit](Request& req) {
                return RunReport<Data>(ctx, req, report, has_limit);
              }});
}

}  // namespace

void AddAnalyticsRoutes(http::Router& router, ApiContext& ctx) {
  using Array = boost::json::array;
  AddReport<Array>(router, ctx, "top-artists",
                   "Most played artists: [{artist, playCount, percentage, totalMs}]",
                   TopArtistsReport, true);
  AddReport<Array>(router, ctx, "top-tracks",
                   "Most played tracks: [{trackId, trackName, artist, playCount, percentage}]",
                   TopTracksReport, true);
  AddReport<Array>(router, ctx, "top-genres",
                   "Most played genres (track metadata): [{genre, playCount, percentage}]",
                   TopGenresReport, true);
  AddReport<boost::json::object>(
      router, ctx, "listening-time",
      "Listening time and sessions (30 idle minutes end one) for the period and 7d/30d/all",
      ListeningTimeReport, false);
  AddReport<Array>(router, ctx, "energy-trend",
                   "Average track energy of the period's plays by weekday (UTC, Monday first)",
                   EnergyTrendReport, false);
  AddListeningReports(router, ctx);
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/analytics/export",
              .auth = true,
              .tag = "analytics",
              .summary = "Everything stored about the user as one JSON download (no tokens)",
              .handler = [&ctx](Request& req) { return Export(ctx, req); }});
}

}  // namespace echotune::api
