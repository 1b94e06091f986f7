// recs-bench: the recommendation engine at the scale of issue 6 — a
// deterministic synthetic store (20,000 users, 100,000 tracks with audio
// features, 2,000,000 listens, Zipf popularity, taste clusters). Prints one
// line per strategy with p50/p99 latency of one user's uncached request, the
// model build time and the resident memory after the build.
// Usage: recs_bench [samples per strategy, default 300] [one strategy name]
//                   [--no-lowrank-ease] (what the low-rank EASE's re-ranking costs).
//
// A plain main(): the required output is one summary line per strategy,
// which Google Benchmark's per-iteration reporting does not give directly.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "recs/rec_engine.h"

namespace {

using echotune::recs::AudioFeatures;
using echotune::recs::EngineInputs;
using echotune::recs::FeatureId;
using echotune::recs::Interaction;
using echotune::recs::Strategy;
using echotune::recs::Track;

struct Scale {
  int users = 20'000;
  int tracks = 100'000;
  int listens = 2'000'000;
  int clusters = 50;
  int artists = 10'000;
};

constexpr std::int64_t kNow = 1'750'000'000'000;

// prefix + n, built by append: g++ 12 at -O3 warns (-Wrestrict, a false
// positive) on `"literal" + std::to_string(n)`.
std::string Id(const char* prefix, long n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

// Inverse-CDF sampling of a Zipf(s = 1) rank in [0, n).
class Zipf {
 public:
  explicit Zipf(int n) : cdf_(static_cast<std::size_t>(n)) {
    double sum = 0;
    for (int r = 0; r < n; ++r) cdf_[static_cast<std::size_t>(r)] = sum += 1.0 / (r + 1.0);
    for (double& c : cdf_) c /= sum;
  }
  int operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<int>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

Track MakeTrack(int i, const Scale& s, std::mt19937_64& rng) {
  const int cluster = i % s.clusters;
  std::normal_distribution<float> noise(0.0f, 0.08f);
  auto around = [&](float centre) { return std::clamp(centre + noise(rng), 0.0f, 1.0f); };
  Track t;
  t.id = Id("t", i);
  t.name = Id("Track ", i);
  const int artist = (i / s.clusters) % (s.artists / s.clusters) * s.clusters + cluster;
  t.artist_id = Id("a", artist);
  t.artist = Id("Artist ", artist);
  t.album = Id("Album ", i / 10);
  t.popularity = std::max(0, 100 - (i / s.clusters) / 20);
  AudioFeatures f;
  const float c = static_cast<float>(cluster) / static_cast<float>(s.clusters);
  f.Set(FeatureId::kEnergy, around(c));
  f.Set(FeatureId::kValence, around(std::fmod(c * 3.0f, 1.0f)));
  f.Set(FeatureId::kDanceability, around(std::fmod(c * 7.0f, 1.0f)));
  f.Set(FeatureId::kAcousticness, around(1.0f - c));
  f.Set(FeatureId::kInstrumentalness, around(std::fmod(c * 5.0f, 1.0f)));
  f.Set(FeatureId::kSpeechiness, around(0.05f));
  f.Set(FeatureId::kLiveness, around(0.15f));
  f.Set(FeatureId::kLoudness, -25.0f + 20.0f * f.Get(FeatureId::kEnergy));
  f.Set(FeatureId::kTempo, 60.0f + 120.0f * around(c));
  t.features = f;
  t.genres = {Id("genre", cluster), Id("scene", cluster / 5)};
  return t;
}

// Each user lives in a home cluster (80 % of listens, Zipf within it) and
// strays to the global Zipf popularity otherwise.
EngineInputs Generate(const Scale& s) {
  std::mt19937_64 rng(20240601);
  EngineInputs in;
  in.catalogue.reserve(static_cast<std::size_t>(s.tracks));
  for (int i = 0; i < s.tracks; ++i) in.catalogue.push_back(MakeTrack(i, s, rng));
  const int per_cluster = s.tracks / s.clusters;
  Zipf local(per_cluster), global(s.tracks);
  in.interactions.reserve(static_cast<std::size_t>(s.listens));
  const int per_user = s.listens / s.users;
  for (int u = 0; u < s.users; ++u) {
    const int home = u % s.clusters;
    for (int k = 0; k < per_user; ++k) {
      bool at_home = std::uniform_real_distribution<double>(0, 1)(rng) < 0.8;
      int track = at_home ? local(rng) * s.clusters + home : global(rng);
      Interaction e;
      e.user_id = Id("u", u);
      e.track_id = Id("t", track);
      e.played_at_ms = kNow - static_cast<std::int64_t>(rng() % (90ULL * 86'400'000ULL));
      e.skipped = rng() % 10 == 0;
      e.repeat_count = rng() % 7 == 0 ? 1 : 0;
      in.interactions.push_back(std::move(e));
    }
  }
  return in;
}

double RssMb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      double kb = 0;
      status >> kb;
      return kb / 1024.0;
    }
  }
  return 0;
}

// CPU time of the whole process (all threads): on a shared, loaded machine
// wall-clock latency mostly measures the scheduler; this measures our work.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double one = 0;
  in >> one;
  return one;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  Scale scale;
  const int samples = argc > 1 ? std::atoi(argv[1]) : 300;
  const std::string only = argc > 2 ? argv[2] : "";  // one strategy, for profiling
  echotune::recs::ModelConfig config;
  if (argc > 3 && std::string(argv[3]) == "--no-lowrank-ease") config.ease_lowrank_enabled = false;
  echotune::core::FakeClock clock{echotune::core::TimePoint(echotune::core::Millis(kNow))};
  echotune::recs::RecEngine engine(config, clock);
  double build_s = 0, build_cpu_s = 0;
  {
    EngineInputs inputs = Generate(scale);
    auto start = std::chrono::steady_clock::now();
    double cpu = CpuMs();
    engine.Rebuild(inputs);
    build_cpu_s = (CpuMs() - cpu) / 1e3;
    build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // iALS is fitted on a background thread after the publish; requests are
    // measured once it has joined the blend (the costlier steady state).
    while (!engine.items()->ials()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::printf("recs-bench-ials ready_after_build_s=%.2f factors=%u\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() - build_s,
                engine.items()->ials()->factors());
  }
  malloc_trim(0);  // the generator's strings are gone; measure the engine
  const double rss = RssMb();
  // The single strategies, the default hybrid, and the hybrid with context
  // (issue 17: a mood, a target, and settings that filter the pool).
  struct Case {
    const char* label;
    Strategy strategy;
    const char* mood = "";
    float target_energy = -1;
    bool settings = false;
  };
  const Case cases[] = {{"collaborative", Strategy::kCollaborative}, {"content_based", Strategy::kContent},
                        {"semantic", Strategy::kSemantic},           {"mood_based", Strategy::kMood, "chill"},
                        {"popular", Strategy::kPopular},             {"hybrid", Strategy::kHybrid},
                        {"hybrid+mood", Strategy::kHybrid, "chill"}, {"hybrid+target", Strategy::kHybrid, "", 0.2f},
                        {"hybrid+settings", Strategy::kHybrid, "", -1, true}};
  for (const Case& c : cases) {
    if (!only.empty() && only != c.label) continue;
    std::mt19937_64 rng(7);
    std::vector<double> ms, cpu_ms;
    std::size_t widened = 0, fitting = 0;
    for (int k = 0; k < samples; ++k) {
      echotune::recs::RecRequest r;
      r.user_id = Id("u", static_cast<long>(rng() % static_cast<std::uint64_t>(scale.users)));
      r.strategy = c.strategy;
      r.mood = c.mood;
      if (c.target_energy >= 0) r.targets = {{echotune::recs::FeatureId::kEnergy, c.target_energy}};
      if (c.settings) {
        r.settings.favorite_genres = {Id("genre", 3), Id("genre", 4)};
        r.settings.disliked_genres = {Id("scene", 5)};
        r.settings.energy_level = 0.6f;
        r.settings.diversity_weight = 0.8f;
      }
      auto start = std::chrono::steady_clock::now();
      double cpu = CpuMs();
      auto out = engine.RecommendWithReport(r);
      cpu_ms.push_back(CpuMs() - cpu);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      if (!out.ok() || out->candidates.empty()) std::fprintf(stderr, "empty result for %s\n", r.user_id.c_str());
      if (out.ok()) widened += out->context.widened, fitting += out->context.fitting;
    }
    std::printf("recs-bench strategy=%s users=%d tracks=%d listens=%d p50_ms=%.3f p99_ms=%.3f build_s=%.2f rss_mb=%.0f\n",
                c.label, scale.users, scale.tracks, scale.listens, Percentile(ms, 0.5), Percentile(ms, 0.99), build_s,
                rss);
    std::printf("recs-bench-cpu strategy=%s cpu_p50_ms=%.3f cpu_p99_ms=%.3f build_cpu_s=%.2f loadavg=%.1f\n", c.label,
                Percentile(cpu_ms, 0.5), Percentile(cpu_ms, 0.99), build_cpu_s, LoadAverage());
    if (fitting > 0) {
      std::printf("recs-bench-context strategy=%s widened_share=%.2f mean_fitting_tracks=%zu\n", c.label,
                  static_cast<double>(widened) / samples, fitting / static_cast<std::size_t>(samples));
    }
    std::fflush(stdout);
  }
  return 0;
}
