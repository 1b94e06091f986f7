#include "app/recommend_command.h"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unordered_set>

#include "api/recs_service.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/json_write.h"
#include "recs/rec_engine.h"
#include "recs/store_loader.h"
#include "store/store.h"

namespace echotune::app {
namespace {

struct RecommendArgs {
  std::string user;
  std::string strategy = "hybrid";
  std::size_t limit = 20;
  std::string mood;
  std::string query;
  bool include_known = false;
  bool json = false;
};

int Fail(const std::string& message, int code) {
  std::cerr << "echotune recommend: " << message << "\n";
  return code;
}

void Print(const std::vector<recs::Candidate>& out, bool json) {
  if (json) {
    boost::json::array arr;
    for (const auto& c : out) arr.push_back(api::CandidateJson(c));
    std::cout << core::JsonWrite(arr) << "\n";
    return;
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    const auto& c = out[k];
    std::printf("%2zu. %.3f  %s – %s  [%s] %s\n", k + 1, c.score, c.artist.c_str(), c.name.c_str(),
                c.strategy.c_str(), c.reason.c_str());
  }
}

core::Result<std::unordered_set<std::string>> RecentlyServed(store::Store& s, const core::ObjectId& user) {
  auto since = core::SystemClock::Instance().Now() - std::chrono::hours(24);
  auto recs = s.recommendations().ListSince(user, since);
  if (!recs.ok()) return recs.error();
  std::unordered_set<std::string> out;
  for (const auto& r : *recs) {
    for (const auto& t : r.tracks) out.insert(t.track_id);
  }
  return out;
}

int Run(const RecommendArgs& a) {
  auto user = core::ObjectId::Parse(a.user);
  if (!user) return Fail("--user must be a 24-hex-digit user id", 2);
  auto strategy = recs::StrategyFromName(a.strategy);
  if (!strategy) return Fail("unknown strategy " + a.strategy, 2);
  auto config = core::Config::FromEnvironment();
  if (!config.ok()) return Fail(config.error().message, 2);
  auto st = store::OpenStore(*config, core::SystemClock::Instance());
  if (!st.ok()) return Fail(st.error().message, 1);
  auto inputs = recs::LoadEngineInputs(**st);
  if (!inputs.ok()) return Fail(inputs.error().message, 1);
  auto served = RecentlyServed(**st, *user);
  if (!served.ok()) return Fail(served.error().message, 1);
  recs::RecEngine engine(recs::ModelConfig{}, core::SystemClock::Instance());
  engine.Rebuild(*inputs);
  recs::RecRequest r;
  r.user_id = a.user;
  r.strategy = *strategy;
  r.limit = a.limit;
  r.mood = a.mood;
  r.query = a.query;
  r.include_known = a.include_known;
  r.recently_served = std::move(*served);
  auto out = engine.Recommend(r);
  if (!out.ok()) return Fail(out.error().message, 2);
  Print(*out, a.json);
  return 0;
}

}  // namespace

void RegisterRecommendCommand(CLI::App& app) {
  auto args = std::make_shared<RecommendArgs>();
  auto* cmd = app.add_subcommand("recommend", "One user's recommendations from the command line (SYSTEM.md 6)");
  cmd->add_option("--user", args->user, "User id (24 hex digits)")->required();
  cmd->add_option("--strategy", args->strategy, "hybrid, collaborative, content_based, semantic, mood_based, popular")
      ->capture_default_str();
  cmd->add_option("--limit", args->limit, "How many (1–100)")->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_option("--mood", args->mood, "A mood or activity: chill, workout, focus, …");
  cmd->add_option("--query", args->query, "Free text for the semantic strategy");
  cmd->add_flag("--include-known", args->include_known, "Allow tracks the user already played");
  cmd->add_flag("--json", args->json, "Print JSON candidates");
  cmd->callback([args] { throw CLI::RuntimeError(Run(*args)); });
}

}  // namespace echotune::app
