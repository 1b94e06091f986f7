// `echotune eval` as a user runs it on a data set of their own: the HetRec
// Last.fm file format with plays alone (no names, no tags), large enough in
// shape to take the low-rank EASE path.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/test_util.h"
#include "tests/e2e/child_process.h"

namespace echotune::e2e {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// 160 listeners in 4 taste groups of 60 artists each; every listener plays 24
// artists, 20 of them from their own group, with Zipf-like play counts.
void WritePlaysOnly(const fs::path& dir) {
  std::mt19937 rng(11);
  std::ofstream out(dir / "user_artists.dat");
  out << "userID\tartistID\tweight\n";
  for (int u = 0; u < 160; ++u) {
    const int group = u % 4;
    std::vector<int> artists;
    while (artists.size() < 24) {
      const bool own = artists.size() < 20;
      const int a = own ? group * 60 + static_cast<int>(rng() % 60) : static_cast<int>(rng() % 240);
      if (std::find(artists.begin(), artists.end(), a) == artists.end()) artists.push_back(a);
    }
    for (std::size_t k = 0; k < artists.size(); ++k) {
      out << 1000 + u << '\t' << 5000 + artists[k] << '\t' << 1 + 400 / (k + 1) + rng() % 7 << '\n';
    }
  }
}

TEST(EvalCli, RunsOnPlaysAloneWithoutTagsAndWithTheLowRankEase) {
  const fs::path dir = testing::TempDir("eval-cli");
  WritePlaysOnly(dir);
  const fs::path json = dir / "out.json";
  ChildProcess child({"eval", "--data", dir.string(), "--folds", "1", "--no-context", "--ease-lowrank",
                      "--ease-rank", "16", "--json", json.string()},
                     {});
  child.WaitForLine("^$never", 300s);  // drains the output until the child exits
  ASSERT_EQ(child.Wait(60s), 0) << child.output();
  EXPECT_NE(child.output().find("the models run without tags"), std::string::npos) << child.output();
  EXPECT_NE(child.output().find("hybrid"), std::string::npos) << child.output();

  std::ifstream in(json);
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::object doc = boost::json::parse(text.str()).as_object();
  EXPECT_NE(doc.at("protocol").as_string().find("no tags"), boost::json::string::npos);
  std::map<std::string, double> ndcg;
  for (const auto& r : doc.at("results").as_array()) {
    ndcg[std::string(r.at("strategy").as_string())] = r.at("ndcg@10").to_number<double>();
  }
  for (const char* s : {"most-popular", "item-knn", "rp3beta", "ease", "ials", "user-knn", "collaborative", "semantic",
                        "hybrid"}) {
    ASSERT_TRUE(ndcg.count(s)) << s;
    EXPECT_GE(ndcg[s], 0.0) << s;
    EXPECT_LE(ndcg[s], 1.0) << s;
  }
  // The taste groups are there to be found; popularity alone cannot see them.
  EXPECT_GT(ndcg["hybrid"], ndcg["most-popular"] + 0.1);
  EXPECT_GT(ndcg["ease"], ndcg["most-popular"] + 0.1);
}

TEST(EvalCli, AMissingDataSetIsAnErrorThatNamesTheFile) {
  const fs::path dir = testing::TempDir("eval-cli-empty");
  ChildProcess child({"eval", "--data", dir.string(), "--no-context"}, {});
  child.WaitForLine("^$never", 60s);
  EXPECT_EQ(child.Wait(30s), 2);
  EXPECT_NE(child.output().find("user_artists.dat"), std::string::npos) << child.output();
}

}  // namespace
}  // namespace echotune::e2e
