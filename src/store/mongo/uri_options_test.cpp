#include "store/mongo/uri_options.h"

#include <gtest/gtest.h>

namespace echotune::store::mongo {
namespace {

TEST(WithUriOption, AddsAnOptionTheUriDoesNotSet) {
  EXPECT_EQ(WithUriOption("mongodb://h:1", "socketTimeoutMS", "5"), "mongodb://h:1/?socketTimeoutMS=5");
  EXPECT_EQ(WithUriOption("mongodb://h:1/", "socketTimeoutMS", "5"), "mongodb://h:1/?socketTimeoutMS=5");
  EXPECT_EQ(WithUriOption("mongodb://h:1/db", "socketTimeoutMS", "5"), "mongodb://h:1/db?socketTimeoutMS=5");
  EXPECT_EQ(WithUriOption("mongodb://h:1/?directConnection=true", "socketTimeoutMS", "5"),
            "mongodb://h:1/?directConnection=true&socketTimeoutMS=5");
  EXPECT_EQ(WithUriOption("mongodb://h:1/?", "socketTimeoutMS", "5"), "mongodb://h:1/?socketTimeoutMS=5");
}

TEST(WithUriOption, KeepsAnOptionTheUriSetsInAnyCase) {
  const std::string uri = "mongodb://u:p@h:1,h:2/?replicaSet=rs0&sockettimeoutms=7";
  EXPECT_EQ(WithUriOption(uri, "socketTimeoutMS", "5"), uri);
  EXPECT_EQ(WithBatchTimeouts(uri), uri);
}

TEST(WithBatchTimeouts, LeavesTheEmbeddedStoreAlone) {
  EXPECT_EQ(WithBatchTimeouts(""), "");
  EXPECT_EQ(WithBatchTimeouts("mongodb://h:1/?directConnection=true"),
            "mongodb://h:1/?directConnection=true&socketTimeoutMS=300000");
}

}  // namespace
}  // namespace echotune::store::mongo
