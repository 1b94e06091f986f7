#include "app/eval_command.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/json_write.h"
#include "ingest/demo_loader.h"
#include "recs/eval/context_eval.h"
#include "recs/store_loader.h"
#include "store/store.h"
#include "recs/eval/evaluator.h"
#include "recs/eval/lastfm_dataset.h"
#include "recs/eval/split.h"

namespace echotune::app {
namespace {

struct EvalArgs {
  std::string data = "../shared/data/lastfm-2k";
  int folds = 5;
  std::uint64_t seed = 42;
  std::string json;
  std::vector<std::string> strategies;
  bool validation = false;
  bool quiet = false;
  std::string context_data = "../shared/data";
  bool no_context = false;
  bool no_ease = false;
  // Tuning overrides (defaults: EvalConfig's validated values).
  std::optional<std::uint32_t> ials_factors;
  std::optional<float> ials_alpha, ials_reg, ials_reg_exponent, blend_ials, blend_semantic, blend_ease, blend_rp3, blend_knn,
      blend_popularity;
  std::optional<int> ials_iterations;
  std::vector<std::string> tilts;     // PART=T: activity tilt of a hybrid part
  std::vector<std::string> tag_rows;  // MODEL=W: tag pseudo-listener weight
  bool learn_blend = false;
  bool ease_lowrank = false;
  std::optional<std::uint32_t> ease_rank;
  std::optional<float> ease_lambda;
  bool learn_tilt = false;
};

constexpr char kContextProtocol[] =
    "demo data (catalogues with audio features, playlist listeners, export samples): each listener's catalogued "
    "tracks (>= 10) split 80/20 with seed 42; for every mood, the held-out tracks inside the mood's bands and "
    "tempo band are relevant; NDCG@10 and mean |feature - mood target| (0-1 features) of the hybrid with the "
    "mood (context), without it (plain) and of mood_based alone";

// The context table (issue 17) on the demo data, loaded into a temporary
// embedded store the way `echotune demo` loads it.
core::Result<std::vector<recs::eval::ContextRow>> EvaluateContext(const EvalArgs& a) {
  auto dir = std::filesystem::temp_directory_path() / ("echotune-eval-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir};
  core::Config config;
  config.db_path = (dir / "echotune.db").string();
  auto store = store::OpenStore(config, core::SystemClock::Instance());
  if (!store.ok()) return store.error();
  std::ostringstream quiet;
  ingest::ProgressReporter progress(quiet, false, core::SystemClock::Instance());
  ingest::DemoLoader loader(**store, progress);
  if (auto loaded = loader.Load(a.context_data); !loaded.ok()) return loaded.error();
  auto inputs = recs::LoadEngineInputs(**store);
  if (!inputs.ok()) return inputs.error();
  recs::eval::ContextEvalConfig cc;
  cc.seed = a.seed;
  return recs::eval::EvaluateContext(*inputs, cc);
}

void PrintContextTable(const std::vector<recs::eval::ContextRow>& rows) {
  std::printf("\ncontext (demo data): NDCG@10 on held-out tracks that fit the mood | mean distance to the mood\n");
  std::printf("%-11s %6s %9s %9s %9s | %9s %9s %9s\n", "mood", "users", "context", "plain", "mood-only", "context",
              "plain", "mood-only");
  for (const auto& r : rows) {
    std::printf("%-11s %6zu %9.4f %9.4f %9.4f | %9.4f %9.4f %9.4f\n", r.mood.c_str(), r.users, r.ndcg_context,
                r.ndcg_plain, r.ndcg_mood_only, r.distance_context, r.distance_plain, r.distance_mood_only);
  }
  std::fflush(stdout);
}

boost::json::array ContextJson(const std::vector<recs::eval::ContextRow>& rows) {
  boost::json::array out;
  for (const auto& r : rows) {
    out.push_back({{"mood", r.mood},
                   {"users", r.users},
                   {"ndcg@10", {{"context", core::RoundTo(r.ndcg_context, 4)},
                                {"plain", core::RoundTo(r.ndcg_plain, 4)},
                                {"moodOnly", core::RoundTo(r.ndcg_mood_only, 4)}}},
                   {"meanDistance", {{"context", core::RoundTo(r.distance_context, 4)},
                                     {"plain", core::RoundTo(r.distance_plain, 4)},
                                     {"moodOnly", core::RoundTo(r.distance_mood_only, 4)}}}});
  }
  return out;
}

std::string Protocol(const recs::eval::LastfmDataset& d, const EvalArgs& a) {
  std::string split = a.validation ? "validation: 75/25 per-user split of fold 1's training data"
                                   : std::to_string(a.folds) + " random 80/20 per-user holdout splits (seeds " +
                                         std::to_string(a.seed) + ".." + std::to_string(a.seed + a.folds - 1) + ")";
  return "user_artists.dat in the HetRec 2011 Last.fm format (" + std::to_string(d.users) + " users x " +
         std::to_string(d.items) + " artists, play counts as implicit feedback; " +
         (d.has_tags ? "user_taggedartists.dat tags as side information" : "no tags") + "); " + split +
         "; full ranking over all artists with training artists excluded; binary relevance; metrics @10 averaged "
         "over users, then over folds; diversity = 1 - mean pairwise cosine of the artists' training listeners";
}

void PrintTable(const std::vector<recs::eval::StrategyResult>& results) {
  std::printf("%-15s %9s %13s %10s %12s %13s %12s\n", "strategy", "ndcg@10", "precision@10", "recall@10",
              "coverage@10", "diversity@10", "ms_per_user");
  for (const auto& r : results) {
    const auto& m = r.metrics;
    std::printf("%-15s %9.4f %13.4f %10.4f %12.4f %13.4f %12.4f\n", r.strategy.c_str(), m.ndcg, m.precision, m.recall,
                m.coverage, m.diversity, m.ms_per_user);
  }
  if (!results.empty()) {
    std::printf("\ncold start (users with <= %zu training items; %.1f users per fold)\n", recs::eval::kColdStartItems,
                results.front().cold_users);
    std::printf("%-15s %9s %13s %10s\n", "strategy", "ndcg@10", "precision@10", "recall@10");
    for (const auto& r : results) {
      std::printf("%-15s %9.4f %13.4f %10.4f\n", r.strategy.c_str(), r.cold.ndcg, r.cold.precision, r.cold.recall);
    }
  }
  std::fflush(stdout);
}

boost::json::object ColdJson(const std::vector<recs::eval::StrategyResult>& rs) {
  boost::json::array rows;
  for (const auto& r : rs) {
    rows.push_back({{"strategy", r.strategy},
                    {"ndcg@10", core::RoundTo(r.cold.ndcg, 4)},
                    {"precision@10", core::RoundTo(r.cold.precision, 4)},
                    {"recall@10", core::RoundTo(r.cold.recall, 4)}});
  }
  return {{"maxTrainItems", recs::eval::kColdStartItems},
          {"usersPerFold", core::RoundTo(rs.empty() ? 0.0 : rs.front().cold_users, 1)},
          {"results", std::move(rows)}};
}

boost::json::object ResultJson(const recs::eval::StrategyResult& r) {
  const auto& m = r.metrics;
  return {{"strategy", r.strategy},
          {"ndcg@10", core::RoundTo(m.ndcg, 4)},
          {"precision@10", core::RoundTo(m.precision, 4)},
          {"recall@10", core::RoundTo(m.recall, 4)},
          {"coverage@10", core::RoundTo(m.coverage, 4)},
          {"diversity@10", core::RoundTo(m.diversity, 4)},
          {"ms_per_user", core::RoundTo(m.ms_per_user, 4)}};
}

bool WriteJson(const EvalArgs& a, const std::string& protocol, const std::vector<recs::eval::StrategyResult>& rs,
               const std::vector<recs::eval::ContextRow>& context) {
  boost::json::array results;
  for (const auto& r : rs) results.push_back(ResultJson(r));
  boost::json::object doc{{"dataset", a.data}, {"protocol", protocol}, {"folds", a.validation ? 1 : a.folds},
                          {"ease", !a.no_ease}, {"results", std::move(results)}, {"coldStart", ColdJson(rs)}};
  if (!context.empty()) {
    doc["contextDataset"] = a.context_data;
    doc["contextProtocol"] = kContextProtocol;
    doc["context"] = ContextJson(context);
  }
  std::ofstream out(a.json);
  out << core::JsonWrite(doc) << "\n";
  return static_cast<bool>(out);
}

// NAME=VALUE pairs of a tuning option (checked by the option's validator).
std::vector<std::pair<std::string, float>> NamedValues(const std::vector<std::string>& pairs) {
  std::vector<std::pair<std::string, float>> out;
  for (const std::string& p : pairs) {
    const auto eq = p.find('=');
    out.emplace_back(p.substr(0, eq), std::stof(p.substr(eq + 1)));
  }
  return out;
}

// Validates NAME=VALUE with NAME one of `names` and VALUE a number.
CLI::Validator NamedValue(std::vector<std::string> names) {
  return CLI::Validator(
      [names](std::string& s) -> std::string {
        const auto eq = s.find('=');
        if (eq == std::string::npos) return "expected NAME=VALUE, got " + s;
        if (std::find(names.begin(), names.end(), s.substr(0, eq)) == names.end()) {
          return "unknown name " + s.substr(0, eq);
        }
        try {
          std::size_t used = 0;
          (void)std::stof(s.substr(eq + 1), &used);
          if (used != s.size() - eq - 1) return "not a number: " + s.substr(eq + 1);
        } catch (const std::exception&) {
          return "not a number: " + s.substr(eq + 1);
        }
        return {};
      },
      "NAME=VALUE");
}

std::vector<recs::eval::StrategyResult> Evaluate(const recs::eval::LastfmDataset& d, const EvalArgs& a) {
  recs::eval::EvalConfig config;
  config.folds = a.folds;
  config.seed = a.seed;
  config.only = a.strategies;
  config.use_ease = !a.no_ease;
  config.ease_lowrank_always = a.ease_lowrank;
  if (a.ease_rank) config.ease_lowrank.rank = *a.ease_rank;
  if (a.ease_lambda) config.ease.lambda = config.ease_lowrank.lambda = *a.ease_lambda;
  if (a.ials_factors) config.ials.factors = *a.ials_factors;
  if (a.ials_alpha) config.ials.alpha = *a.ials_alpha;
  if (a.ials_reg) config.ials.regularization = *a.ials_reg;
  if (a.ials_reg_exponent) config.ials.reg_exponent = *a.ials_reg_exponent;
  if (a.ials_iterations) config.ials.iterations = *a.ials_iterations;
  if (a.blend_ials) config.blend_ials = config.no_ease_blend_ials = *a.blend_ials;
  if (a.blend_semantic) config.blend_semantic = config.no_ease_blend_semantic = *a.blend_semantic;
  if (a.blend_popularity) config.blend_popularity = *a.blend_popularity;
  if (a.blend_ease) config.blend_ease = *a.blend_ease;
  if (a.blend_rp3) config.blend_rp3 = config.no_ease_blend_rp3 = *a.blend_rp3;
  if (a.blend_knn) config.blend_knn = config.no_ease_blend_knn = *a.blend_knn;
  for (const auto& [part, t] : NamedValues(a.tilts)) {
    if (part == "ease") config.tilt_ease = t;
    if (part == "rp3beta") config.tilt_rp3 = t;
    if (part == "item-knn") config.tilt_knn = t;
    if (part == "ials") config.tilt_ials = t;
    if (part == "semantic") config.tilt_semantic = t;
  }
  for (const auto& [model, w] : NamedValues(a.tag_rows)) {
    if (model == "ease") config.tag_rows_ease = w;
    if (model == "ials") config.tag_rows_ials = w;
    if (model == "rp3beta") config.tag_rows_rp3 = w;
    if (model == "item-knn") config.tag_rows_knn = w;
  }
  recs::CsrMatrix interactions = recs::CsrMatrix::FromTriplets(d.users, d.items, d.plays);
  // Tags a listener gave to an artist the split holds out from them are not
  // seen while that split trains.
  auto tags_for = [&](const recs::CsrMatrix& train) {
    return recs::eval::VisibleItemTags(d.tag_assignments, static_cast<std::uint32_t>(d.tag_names.size()),
                                       interactions, train);
  };
  if (a.validation) {
    // Tuning data: carved from the first fold's training part only.
    auto outer = recs::eval::RandomSplit(interactions, config.test_fraction, config.seed);
    auto inner = recs::eval::RandomSplit(outer.train, 0.25, config.seed + 1000);
    if (a.learn_blend) {
      auto learned = recs::eval::LearnHybridBlend(inner.train, inner.test, tags_for(inner.train), config, a.learn_tilt);
      std::printf("learned hybrid blend (validation ndcg@10 %.4f -> %.4f, %d rounds):\n", learned.blend.ndcg_start,
                  learned.blend.ndcg_learned, learned.blend.rounds);
      for (std::size_t p = 0; p < learned.parts.size(); ++p) {
        std::printf("  %-10s weight %.3f  tilt %+.3f\n", learned.parts[p].c_str(), learned.blend.weights[p],
                    learned.blend.tilts[p]);
      }
      std::fflush(stdout);
    }
    return recs::eval::EvaluateSplit(inner.train, inner.test, tags_for(inner.train), config);
  }
  auto progress = [&](const std::string& line) {
    if (!a.quiet) std::cerr << "echotune eval: " << line << "\n";
  };
  return recs::eval::RunEvaluation(interactions, tags_for, config, progress);
}

int Run(const EvalArgs& a) {
  auto start = std::chrono::steady_clock::now();
  auto data = recs::eval::LoadLastfm(a.data);
  if (!data.ok()) {
    std::cerr << "echotune eval: " << data.error().message << "\n";
    return 2;
  }
  if (!data->has_tags && !a.quiet) {
    std::cerr << "echotune eval: no tags.dat and user_taggedartists.dat in " << a.data
              << ": the models run without tags\n";
  }
  auto results = Evaluate(*data, a);
  PrintTable(results);
  std::vector<recs::eval::ContextRow> context;
  if (!a.no_context && !a.validation) {
    auto rows = EvaluateContext(a);
    if (!rows.ok()) {
      std::cerr << "echotune eval: context table skipped: " << rows.error().message << "\n";
    } else {
      context = std::move(*rows);
      PrintContextTable(context);
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "echotune eval: %.1f s\n", secs);
  if (!a.json.empty() && !WriteJson(a, Protocol(*data, a), results, context)) {
    std::cerr << "echotune eval: cannot write " << a.json << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

void RegisterEvalCommand(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand("eval", "Offline evaluation of every strategy on HetRec Last.fm 2K (SYSTEM.md 6.4)");
  cmd->add_option("--data", args->data,
                  "Directory with user_artists.dat (and optionally artists.dat, tags.dat, user_taggedartists.dat)")
      ->capture_default_str();
  cmd->add_option("--folds", args->folds, "Number of random 80/20 splits")->check(CLI::Range(1, 20))->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed of the first split (fold f uses seed + f)")->capture_default_str();
  cmd->add_option("--json", args->json, "Write the results as JSON to this file");
  cmd->add_option("--strategies", args->strategies, "Only these (most-popular, item-knn, rp3beta, ease, user-knn, "
                                                    "ials, collaborative, semantic, hybrid)")
      ->delimiter(',');
  cmd->add_flag("--validation", args->validation, "Evaluate on a validation split carved from training (for tuning)");
  cmd->add_flag("--quiet", args->quiet, "No per-fold progress on stderr");
  cmd->add_option("--context-data", args->context_data,
                  "Shared data folder for the context table (catalogues with audio features, as `echotune demo`)")
      ->capture_default_str();
  cmd->add_flag("--no-context", args->no_context, "Skip the context table");
  cmd->add_flag("--no-ease", args->no_ease,
                "Leave EASE out (as the engine does beyond ease_item_limit): no ease row, blends without it");
  cmd->add_option("--ials-factors", args->ials_factors, "Tuning: iALS factors")->check(CLI::Range(1, 512));
  cmd->add_option("--ials-alpha", args->ials_alpha, "Tuning: iALS confidence scale")->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--ials-reg", args->ials_reg, "Tuning: iALS regularisation")->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--ials-reg-exponent", args->ials_reg_exponent, "Tuning: iALS regularisation λ·n^x per row")
      ->check(CLI::Range(0.0, 2.0));
  cmd->add_option("--ials-iterations", args->ials_iterations, "Tuning: iALS iterations")->check(CLI::Range(1, 100));
  cmd->add_option("--blend-ials", args->blend_ials, "Tuning: weight of iALS in the blends")->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--blend-ease", args->blend_ease, "Tuning: weight of EASE in the blends")->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--blend-rp3", args->blend_rp3, "Tuning: weight of RP3beta in the blends")->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--blend-knn", args->blend_knn, "Tuning: weight of item-kNN in the blends")->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--blend-semantic", args->blend_semantic, "Tuning: weight of semantic in hybrid")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--blend-popularity", args->blend_popularity,
                  "Tuning: weight of item popularity as a part of hybrid (0: none)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--tilt", args->tilts,
                  "Tuning: PART=T tilts a hybrid part's weight by listening activity (ease, rp3beta, item-knn, ials, "
                  "semantic); repeatable")
      ->check(NamedValue({"ease", "rp3beta", "item-knn", "ials", "semantic"}));
  cmd->add_option("--tag-rows", args->tag_rows,
                  "Tuning: MODEL=W fits a collaborative model (ease, ials, rp3beta, item-knn) with every tag as a "
                  "pseudo-listener of weight W; repeatable")
      ->check(NamedValue({"ease", "ials", "rp3beta", "item-knn"}));
  cmd->add_flag("--ease-lowrank", args->ease_lowrank,
                "Use the low-rank EASE (as beyond ease.max_items items) even where the dense one fits");
  cmd->add_option("--ease-lambda", args->ease_lambda, "Tuning: EASE's L2 regularisation")
      ->check(CLI::Range(0.0, 1e7));
  cmd->add_option("--ease-rank", args->ease_rank, "Tuning: rank of the low-rank EASE")->check(CLI::Range(1, 2048));
  cmd->add_flag("--learn-blend", args->learn_blend,
                "With --validation: learn the hybrid's part weights by coordinate ascent on NDCG@10 and print them");
  cmd->add_flag("--learn-tilt", args->learn_tilt, "With --learn-blend: learn the activity tilts too");
  cmd->callback([args] { throw CLI::RuntimeError(Run(*args)); });
}

}  // namespace echotune::app
