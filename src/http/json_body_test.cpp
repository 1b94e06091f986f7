#include "http/json_body.h"

#include <gtest/gtest.h>

namespace echotune::http {
namespace {

TEST(JsonBody, AcceptsOrdinaryJson) {
  auto v = ParseJsonBody(R"({"listens":[{"trackId":"x","context":{"device_type":"computer"}}]})");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->is_object());
}

TEST(JsonBody, RefusesOperatorKeysAnywhereNamingThePath) {
  auto v = ParseJsonBody(R"j({"filter":{"$where":"sleep(1000)"}})j");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, core::ErrorCode::kValidationError);
  EXPECT_EQ(v.error().details.at("field").as_string(), "filter.$where");
  auto w = ParseJsonBody(R"({"a":[{"ok":1},{"b.c":2}]})");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().details.at("field").as_string(), "a[1].b.c");
}

TEST(JsonBody, MalformedJsonNamesTheBody) {
  auto v = ParseJsonBody("{\"a\":");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().details.at("field").as_string(), "body");
}

TEST(JsonBody, DeepNestingIsRefusedNotACrash) {
  std::string deep(10000, '[');
  EXPECT_FALSE(ParseJsonBody(deep).ok());
}

}  // namespace
}  // namespace echotune::http
