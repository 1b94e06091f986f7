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

// Issue 15: no body may mass-assign an owner, an id, a timestamp or a token.
TEST(JsonBody, RefusesServerOwnedFieldsAnywhereNamingThePath) {
  for (const char* key : {"userId", "_id", "createdAt", "spotifyId", "accessToken", "refresh_token", "tokens"}) {
    auto v = ParseJsonBody(std::string(R"({"name":"x",")") + key + R"(":"665a1b2c3d4e5f6a7b8c9d0e"})");
    ASSERT_FALSE(v.ok()) << key;
    EXPECT_EQ(v.error().code, core::ErrorCode::kValidationError);
    EXPECT_EQ(v.error().details.at("field").as_string(), key);
    EXPECT_NE(v.error().message.find("the server sets it"), std::string::npos) << v.error().message;
  }
  auto nested = ParseJsonBody(R"({"listens":[{"trackId":"a"},{"trackId":"b","userId":"u"}]})");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().details.at("field").as_string(), "listens[1].userId");
  // Values are not keys, and look-alike keys are fine.
  EXPECT_TRUE(ParseJsonBody(R"({"prompt":"userId _id createdAt","trackId":"x","userIds":1})").ok());
}

TEST(JsonBody, InvalidUtf8IsMalformed) {
  auto v = ParseJsonBody("{\"a\":\"\xff\xfe\"}");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().details.at("field").as_string(), "body");
}

}  // namespace
}  // namespace echotune::http
