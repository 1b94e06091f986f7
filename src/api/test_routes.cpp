#include "api/test_routes.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <charconv>
#include <stdexcept>
#include <thread>

namespace echotune::api {

using http::HandlerResult;
using http::Reply;
using http::Request;

void AddTestRoutes(http::Router& router, core::WorkerPool& workers) {
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/slow",
              .tag = "test",
              .summary = "Test only: answers after ms milliseconds",
              .query = {{"ms", "integer", false, "delay, default 1000"}},
              .handler = [](Request& req) -> boost::asio::awaitable<HandlerResult> {
                int ms = 1000;
                if (auto q = req.Query("ms")) std::from_chars(q->data(), q->data() + q->size(), ms);
                boost::asio::steady_timer t(co_await boost::asio::this_coro::executor,
                                            std::chrono::milliseconds(ms));
                co_await t.async_wait(boost::asio::use_awaitable);
                co_return Reply::Json(boost::json::object{{"sleptMs", ms}});
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/throw",
              .tag = "test",
              .summary = "Test only: a handler that throws",
              .handler = [](Request&) -> boost::asio::awaitable<HandlerResult> {
                throw std::runtime_error("deliberate failure");
                co_return Reply::Json(nullptr);
              }});
  router.Add({.method = http::beast_http::verb::post,
              .pattern = "/api/_test/echo",
              .tag = "test",
              .summary = "Test only: echoes the JSON body",
              .handler = [](Request& req) -> boost::asio::awaitable<HandlerResult> {
                co_return Reply::Json(req.body);
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/me",
              .auth = true,
              .tag = "test",
              .summary = "Test only: the authenticated user",
              .handler = [](Request& req) -> boost::asio::awaitable<HandlerResult> {
                co_return Reply::Json(boost::json::object{{"userId", req.auth->user_id}});
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/worker",
              .tag = "test",
              .summary = "Test only: blocking work on the worker pool",
              .handler = [&workers](Request&) -> boost::asio::awaitable<HandlerResult> {
                auto io_thread = std::this_thread::get_id();
                auto worker_thread = co_await workers.Run([] { return std::this_thread::get_id(); });
                bool back_on_io = std::this_thread::get_id() == io_thread;
                co_return Reply::Json(boost::json::object{
                    {"ranElsewhere", worker_thread != io_thread}, {"resumedOnIo", back_on_io}});
              }});
}

void AddModelTestRoutes(http::Router& router, const recs::RecEngine& engine) {
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/model/me",
              .auth = true,
              .tag = "test",
              .summary = "Test only: what this instance's model knows of the authenticated user",
              .handler = [&engine](Request& req) -> boost::asio::awaitable<HandlerResult> {
                auto profile = engine.profile(req.auth->user_id);
                co_return Reply::Json(boost::json::object{
                    {"ready", engine.ready()},
                    {"listens", profile ? profile->listens() : 0},
                    {"tracks", profile ? profile->stats().size() : 0}});
              }});
  router.Add({.method = http::beast_http::verb::get,
              .pattern = "/api/_test/model/users/{id}",
              .tag = "test",
              .summary = "Test only: whether this instance's model holds a profile of user {id}",
              .handler = [&engine](Request& req) -> boost::asio::awaitable<HandlerResult> {
                auto profile = engine.profile(std::string(req.Param("id")));
                co_return Reply::Json(boost::json::object{{"ready", engine.ready()},
                                                          {"building", engine.building()},
                                                          {"profile", profile != nullptr},
                                                          {"listens", profile ? profile->listens() : 0}});
              }});
}

}  // namespace echotune::api
