// Graceful shutdown of the real binary: SIGTERM during a slow request lets
// it finish, then the process exits 0.
#include <gtest/gtest.h>

#include <future>

#include "core/test_util.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/http_client.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;

TEST(Shutdown, SigtermDuringASlowRequestLetsItFinishThenExitsZero) {
  auto dir = testing::TempDir("shutdown");
  ChildProcess server({"serve"}, {{"PORT", "0"},
                                  {"ECHOTUNE_TEST_ROUTES", "1"},
                                  {"ECHOTUNE_DB_PATH", (dir / "e.db").string()},
                                  {"JWT_SECRET", "x"}});
  std::string port_text = server.WaitForLine(R"(listening on http://127\.0\.0\.1:(\d+))", 20s);
  ASSERT_FALSE(port_text.empty()) << server.output();
  uint16_t port = static_cast<uint16_t>(std::stoi(port_text));

  auto slow = std::async(std::launch::async, [port] {
    return Fetch(port, bhttp::verb::get, "/api/_test/slow?ms=1500");
  });
  std::this_thread::sleep_for(400ms);
  server.Signal(SIGTERM);
  HttpReply reply = slow.get();
  EXPECT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.Json().at("data").at("sleptMs"), 1500);
  EXPECT_EQ(reply.Header("Connection"), "close");
  EXPECT_EQ(server.Wait(10s), 0) << server.output();
  std::filesystem::remove_all(dir);
}

TEST(Shutdown, HelpListsTheSubcommands) {
  ChildProcess help({"--help"}, {});
  // Reads to end of output (the pattern never matches); an ASan build on a
  // busy machine can take seconds just to start.
  help.WaitForLine("^$never", 60s);
  EXPECT_EQ(help.Wait(30s), 0);
  for (const char* cmd : {"serve", "token"}) {
    EXPECT_NE(help.output().find(cmd), std::string::npos) << help.output();
  }
}

}  // namespace
}  // namespace echotune::e2e
