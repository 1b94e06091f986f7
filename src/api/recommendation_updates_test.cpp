#include "api/recommendation_updates.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace echotune::api {
namespace {

RecommendationUpdate Update(const std::string& id) {
  return RecommendationUpdate{id, "hybrid", boost::json::array{boost::json::object{{"trackId", "t1"}}}, {}};
}

TEST(RecommendationUpdates, PublishCallsEverySubscriberWithTheUserAndTheUpdate) {
  RecommendationUpdates updates;
  std::vector<std::string> seen;
  updates.Subscribe([&](const std::string& user, const RecommendationUpdate& u) {
    seen.push_back("a:" + user + ":" + u.recommendation_id);
  });
  updates.Subscribe([&](const std::string& user, const RecommendationUpdate& u) {
    seen.push_back("b:" + user + ":" + std::string(u.tracks.at(0).at("trackId").as_string()));
  });
  updates.Publish("u1", Update("r1"));
  EXPECT_EQ(seen, (std::vector<std::string>{"a:u1:r1", "b:u1:t1"}));
}

TEST(RecommendationUpdates, UnsubscribedCallbacksAreNotCalled) {
  RecommendationUpdates updates;
  int a = 0, b = 0;
  auto id = updates.Subscribe([&](const std::string&, const RecommendationUpdate&) { ++a; });
  updates.Subscribe([&](const std::string&, const RecommendationUpdate&) { ++b; });
  updates.Publish("u1", Update("r1"));
  updates.Unsubscribe(id);
  updates.Unsubscribe(12345);  // unknown: ignored
  updates.Publish("u1", Update("r2"));
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
}

TEST(RecommendationUpdates, ACallbackMayUnsubscribeItselfAndAThrowingOneDoesNotStopOthers) {
  RecommendationUpdates updates;
  int once = 0, after = 0;
  RecommendationUpdates::SubscriptionId self = 0;
  self = updates.Subscribe([&](const std::string&, const RecommendationUpdate&) {
    ++once;
    updates.Unsubscribe(self);
  });
  updates.Subscribe([](const std::string&, const RecommendationUpdate&) {
    throw std::runtime_error("socket gone");
  });
  updates.Subscribe([&](const std::string&, const RecommendationUpdate&) { ++after; });
  updates.Publish("u1", Update("r1"));
  updates.Publish("u1", Update("r2"));
  EXPECT_EQ(once, 1);
  EXPECT_EQ(after, 2);
}

}  // namespace
}  // namespace echotune::api
