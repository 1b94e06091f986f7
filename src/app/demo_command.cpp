#include "app/demo_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "ingest/demo_loader.h"
#include "store/mongo/uri_options.h"
#include "store/store.h"

namespace echotune::app {
namespace {

namespace fs = std::filesystem;

bool LooksLikeDataDir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "spotify-songs-2020", ec) && fs::exists(dir / "spotify-hit-predictor", ec);
}

// --data, else $ECHOTUNE_SHARED_DATA, else ../shared/data beside the working
// directory or beside the source tree the binary was built in.
fs::path FindDataDir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("ECHOTUNE_SHARED_DATA")) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (const fs::path& candidate : {fs::path("../shared/data"), fs::path("shared/data"),
                                    exe.parent_path() / "../../shared/data", exe.parent_path() / "../shared/data"}) {
    if (LooksLikeDataDir(candidate)) return fs::weakly_canonical(candidate, ec);
  }
  return "../shared/data";
}

void PrintResult(const ingest::DemoResult& r, double seconds) {
  std::cout << "\ndemo data loaded in " << seconds << " s\n"
            << "  catalogue:  " << r.catalog.OneLine() << "\n"
            << "  listeners:  " << r.playlist_listeners << " playlist listeners; plays " << r.listeners.OneLine() << "\n"
            << "  exports:    " << r.exports.OneLine() << "\n"
            << "  users created: " << r.users_created << "\n";
  if (r.NothingAdded()) std::cout << "nothing added: the demo data was already loaded\n";
  if (r.export_users.empty()) return;
  std::cout << "\nLog in as a demo user (then pass the token as 'Authorization: Bearer …'):\n";
  for (const auto& u : r.export_users) {
    std::cout << "  echotune token --user " << u.id.ToHex() << "   # " << u.display_name << "\n";
  }
}

int RunDemo(const std::string& data_arg) {
  fs::path data = FindDataDir(data_arg);
  if (!LooksLikeDataDir(data)) {
    std::cerr << "echotune demo: no demo data at " << data << " (use --data or ECHOTUNE_SHARED_DATA)\n";
    return 2;
  }
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) return std::cerr << "echotune demo: " << config.error().message << "\n", 2;
  config->mongodb_uri = store::mongo::WithBatchTimeouts(config->mongodb_uri);  // bulk writes may be slow
  auto store = store::OpenStore(*config, core::SystemClock::Instance());
  if (!store.ok()) return std::cerr << "echotune demo: " << store.error().message << "\n", 1;
  bool terminal = ::isatty(::fileno(stderr)) != 0;
  ingest::ProgressReporter progress(terminal ? std::cerr : std::cout, terminal, core::SystemClock::Instance());
  ingest::DemoLoader loader(**store, progress);
  auto start = std::chrono::steady_clock::now();
  auto result = loader.Load(data);
  if (!result.ok()) {
    std::cerr << "echotune demo: " << result.error().message << "\n";
    return result.error().code == core::ErrorCode::kValidationError ? 2 : 1;
  }
  PrintResult(*result, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "Load the demo data set (real catalogues, listeners and exports)");
  auto data = std::make_shared<std::string>();
  cmd->add_option("--data", *data, "the shared data folder (default: ../shared/data)");
  cmd->callback([data] { throw CLI::RuntimeError(RunDemo(*data)); });
}

}  // namespace echotune::app
