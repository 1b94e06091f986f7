#include "app/recommend_command.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "api/recs_response.h"
#include "api/recs_service.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/json_write.h"
#include "recs/moods.h"
#include "recs/rec_engine.h"
#include "recs/store_loader.h"
#include "store/store.h"

namespace echotune::app {
namespace {

struct RecommendArgs {
  std::string user;
  std::string strategy = "hybrid";
  bool strategy_given = false;
  int limit = 20;
  std::string mood;
  std::string query;
  std::optional<double> target_energy, target_valence;
  std::vector<std::string> seed_genres, seed_tracks;
  bool include_known = false;
  bool json = false;
};

int Fail(const std::string& message, int code) {
  std::cerr << "echotune recommend: " << message << "\n";
  return code;
}

// "context: mood/targets within ±0.10 (widened), 1,234 tracks fit; genre "x" → a, b".
void PrintContext(const recs::ContextReport& c) {
  if (c.applied) {
    std::printf("context: %zu catalogue tracks fit (targets ±%.2f, mood bands +%.2f%s)%s%s\n", c.fitting, c.tolerance,
                c.tolerance - 0.1f, c.widened ? ", widened: too few fitted at first" : "",
                c.genres_relaxed ? "; too few in the genres asked for, so other genres too" : "",
                c.filled ? "; filled up with the closest of the rest" : "");
  }
  for (const auto& g : c.genres) {
    if (g.exact) continue;
    std::string matched;
    for (const auto& m : g.matched) matched += (matched.empty() ? "" : ", ") + m;
    std::printf("genre \"%s\" is not in the catalogue: %s\n", g.requested.c_str(),
                matched.empty() ? "nothing close" : ("closest: " + matched).c_str());
  }
}

void Print(const api::RecsPage& page, bool json) {
  if (json) {
    boost::json::array arr;
    for (const auto& c : page.tracks) arr.push_back(api::CandidateJson(c));
    boost::json::object doc{{"strategy", recs::StrategyName(page.strategy)},
                            {"context", api::ContextJson(page.context)}, {"tracks", std::move(arr)}};
    std::cout << core::JsonWrite(doc) << "\n";
    return;
  }
  PrintContext(page.context);
  for (std::size_t k = 0; k < page.tracks.size(); ++k) {
    const auto& c = page.tracks[k];
    std::printf("%2zu. %.3f  %s – %s  [%s] %s\n", k + 1, c.score, c.artist.c_str(), c.name.c_str(),
                c.strategy.c_str(), c.reason.c_str());
  }
}

core::Result<api::RecsQuery> Query(const RecommendArgs& a) {
  api::RecsQuery q;
  auto strategy = recs::StrategyFromName(a.strategy);
  if (!strategy) return core::Error::Validation("strategy", "unknown strategy " + a.strategy);
  q.strategy = *strategy;
  q.strategy_given = a.strategy_given;
  q.limit = a.limit;
  if (!a.mood.empty()) {
    const recs::Mood* mood = recs::FindMood(a.mood);
    if (!mood) return core::Error::Validation("mood", "unknown mood " + a.mood);
    q.mood = std::string(mood->name);
  }
  if (q.strategy == recs::Strategy::kMood && q.mood.empty()) {
    return core::Error::Validation("mood", "strategy mood_based needs --mood");
  }
  q.target_energy = a.target_energy;
  q.target_valence = a.target_valence;
  q.seed_genres = a.seed_genres;
  q.seed_tracks = a.seed_tracks;
  q.query = a.query;
  q.include_known = a.include_known;
  return q;
}

// The API's path (api::RecsService::Compute: settings, dislikes, the 24 h
// rule, context) over a model built here from the store; nothing is saved.
int Run(const RecommendArgs& a) {
  auto user = core::ObjectId::Parse(a.user);
  if (!user) return Fail("--user must be a 24-hex-digit user id", 2);
  auto q = Query(a);
  if (!q.ok()) return Fail(q.error().message, 2);
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) return Fail(config.error().message, 2);
  auto st = store::OpenStore(*config, core::SystemClock::Instance());
  if (!st.ok()) return Fail(st.error().message, 1);
  auto inputs = recs::LoadEngineInputs(**st);
  if (!inputs.ok()) return Fail(inputs.error().message, 1);
  recs::RecEngine engine(recs::ModelConfig{}, core::SystemClock::Instance());
  engine.Rebuild(*inputs);
  api::RecsService service(**st, engine, core::SystemClock::Instance());
  auto page = service.Compute(*user, *q);
  if (!page.ok()) return Fail(page.error().message, page.error().code == core::ErrorCode::kNotFound ? 1 : 2);
  Print(*page, a.json);
  return 0;
}

}  // namespace

void RegisterRecommendCommand(CLI::App& app) {
  auto args = std::make_shared<RecommendArgs>();
  auto* cmd = app.add_subcommand("recommend", "One user's recommendations from the command line (SYSTEM.md 6)");
  cmd->add_option("--user", args->user, "User id (24 hex digits)")->required();
  auto* strategy = cmd->add_option("--strategy", args->strategy,
                                   "hybrid, collaborative, content_based, semantic, mood_based, popular "
                                   "(default: the user's recommendationStrategy setting, else hybrid)");
  cmd->add_option("--limit", args->limit, "How many (1–100)")->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_option("--mood", args->mood, "A mood or activity: chill, workout, focus, …");
  cmd->add_option("--target-energy", args->target_energy, "Energy 0–1")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--target-valence", args->target_valence, "Valence (positiveness) 0–1")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--seed-genres", args->seed_genres, "Draw from these genres (comma-separated)")->delimiter(',');
  cmd->add_option("--seed-tracks", args->seed_tracks, "Seed track ids (comma-separated)")->delimiter(',');
  cmd->add_option("--query", args->query, "Free text for the semantic strategy");
  cmd->add_flag("--include-known", args->include_known, "Allow tracks the user already played");
  cmd->add_flag("--json", args->json, "Print JSON candidates");
  cmd->callback([args, strategy] {
    args->strategy_given = strategy->count() > 0;
    throw CLI::RuntimeError(Run(*args));
  });
}

}  // namespace echotune::app
