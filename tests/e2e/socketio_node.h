// Runs tests/socketio/scenarios.mjs (the stock socket.io-client, npm) with
// node, after `npm ci` there once (serialised by flock between concurrent tests).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>

namespace echotune::e2e {

inline std::filesystem::path SocketIoTestDir() {
  const char* src = std::getenv("ECHOTUNE_SOURCE_DIR");
  return std::filesystem::path(src ? src : ".") / "tests" / "socketio";
}

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Installs the pinned client from package-lock.json when it is not there yet.
inline bool EnsureSocketIoClient() {
  auto dir = SocketIoTestDir();
  if (std::filesystem::exists(dir / "node_modules" / "socket.io-client" / "package.json")) return true;
  std::string cmd = "cd " + ShellQuote(dir.string()) +
                    " && flock .npm-ci.lock sh -c '[ -f node_modules/socket.io-client/package.json ] || "
                    "npm ci --no-audit --no-fund' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

struct NodeRun {
  int exit_code = -1;
  std::string output;
};

// node scenarios.mjs <scenario> <url> <token> [json]; output is stdout+stderr.
inline NodeRun RunScenario(const std::string& scenario, const std::string& url, const std::string& token,
                           const std::string& json = "") {
  std::string cmd = "node " + ShellQuote((SocketIoTestDir() / "scenarios.mjs").string()) + " " +
                    ShellQuote(scenario) + " " + ShellQuote(url) + " " + ShellQuote(token);
  if (!json.empty()) cmd += " " + ShellQuote(json);
  cmd += " 2>&1";
  NodeRun run;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) run.output.append(buf.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace echotune::e2e
