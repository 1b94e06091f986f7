#include "app/import_command.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "ingest/catalog_importer.h"
#include "ingest/export_importer.h"
#include "store/mongo/uri_options.h"
#include "store/store.h"

namespace echotune::app {
namespace {

struct ImportArgs {
  std::vector<std::string> inputs;
  bool strict = false;
  size_t batch_size = 0;  // 0 = the importer's default
  std::string user;
  std::string name;
};

core::Result<std::unique_ptr<store::Store>> Open() {
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) return std::move(config).error();
  config->mongodb_uri = store::mongo::WithBatchTimeouts(config->mongodb_uri);  // bulk writes may be slow
  return store::OpenStore(*config, core::SystemClock::Instance());
}

// On a terminal the bar goes to stderr; otherwise per-file lines go to stdout.
ingest::ProgressReporter MakeProgress() {
  bool terminal = ::isatty(::fileno(stderr)) != 0;
  return ingest::ProgressReporter(terminal ? std::cerr : std::cout, terminal, core::SystemClock::Instance());
}

int Finish(const char* what, const ingest::ImportSummary& summary) {
  std::cout << what << " import finished\n" << summary.Report() << std::flush;
  for (const auto& e : summary.errors) std::cerr << "echotune import: " << e << "\n";
  return summary.errors.empty() ? 0 : 2;
}

int Fail(const core::Error& error, int code) {
  std::cerr << "echotune import: " << error.message << "\n";
  return code;
}

int RunCatalog(const ImportArgs& args) {
  auto store = Open();
  if (!store.ok()) return Fail(store.error(), 1);
  auto progress = MakeProgress();
  ingest::CatalogImporter importer((*store)->tracks(), progress);
  ingest::CatalogImportOptions options;
  options.strict = args.strict;
  if (args.batch_size > 0) options.batch_size = args.batch_size;
  std::vector<std::filesystem::path> files(args.inputs.begin(), args.inputs.end());
  auto result = importer.Import(files, options);
  if (!result.ok()) return Fail(result.error(), 1);
  for (const auto& w : result->summary.warnings) std::cerr << "warning: " << w << "\n";
  if (args.strict && !result->summary.errors.empty()) std::cerr << "echotune import: --strict: nothing written\n";
  return Finish("catalog", result->summary);
}

int RunExport(const ImportArgs& args) {
  std::vector<std::filesystem::path> inputs(args.inputs.begin(), args.inputs.end());
  auto files = ingest::CollectExportFiles(inputs);
  if (!files.ok()) return Fail(files.error(), 2);
  auto store = Open();
  if (!store.ok()) return Fail(store.error(), 1);
  auto progress = MakeProgress();
  ingest::ExportImporter importer(**store, progress);
  ingest::ExportImportOptions options;
  options.spotify_id = args.user;
  if (!args.name.empty()) options.display_name = args.name;
  if (args.batch_size > 0) options.batch_size = args.batch_size;
  auto summary = importer.Import(*files, options);
  if (!summary.ok()) return Fail(summary.error(), 1);
  for (const auto& w : summary->warnings) std::cerr << w << "\n";
  if (!importer.user_id().IsZero()) std::cout << "user " << args.user << " = " << importer.user_id().ToHex() << "\n";
  return Finish("spotify-export", *summary);
}

}  // namespace

void RegisterImportCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("import", "Load track catalogues and Spotify data exports (docs/import.md)");
  cmd->require_subcommand(1);
  auto args = std::make_shared<ImportArgs>();

  auto* catalog = cmd->add_subcommand("catalog", "Track catalogue CSV files → track_metadata (upsert, genres merged)");
  catalog->add_option("files", args->inputs, "CSV files; columns found by header name")->required()->check(CLI::ExistingFile);
  catalog->add_flag("--strict", args->strict, "abort on the first bad row and write nothing");
  catalog->add_option("--batch-size", args->batch_size, "tracks per transaction (default 2000)");
  catalog->callback([args] { throw CLI::RuntimeError(RunCatalog(*args)); });

  auto* sp = cmd->add_subcommand("spotify-export", "Spotify 'Download your data' files or folders → one user's history");
  sp->add_option("--user", args->user, "the user's Spotify id (created when missing)")->required();
  sp->add_option("--name", args->name, "display name of a new user (default: the Spotify id)");
  sp->add_option("--batch-size", args->batch_size, "listens per transaction (default 10000)");
  sp->add_option("inputs", args->inputs, "export files or folders (scanned for known file names)")->required();
  sp->callback([args] { throw CLI::RuntimeError(RunExport(*args)); });
}

}  // namespace echotune::app
