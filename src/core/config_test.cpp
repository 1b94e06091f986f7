#include "core/config.h"

#include <gtest/gtest.h>

#include <map>

namespace echotune::core {
namespace {

Result<Config> Load(std::map<std::string, std::string> vars) {
  return Config::FromEnvironment([vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

TEST(Config, DefaultsMatchTheSystemSpec) {
  auto c = Load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 3000);
  EXPECT_EQ(c->rate_limits.global, 100);
  EXPECT_EQ(c->rate_limits.auth, 5);
  EXPECT_EQ(c->rate_limits.window_s, 900);
  EXPECT_EQ(c->mongodb_db_name, "echotune");
  EXPECT_EQ(c->mongodb_collections_prefix, "echotune_");
  EXPECT_FALSE(c->UsesMongo());
}

TEST(Config, ReadsVariablesAndLists) {
  auto c = Load({{"PORT", "8080"}, {"CORS_ORIGINS", "http://a, http://b"}, {"TRUST_PROXY", "1"},
                 {"RATE_LIMIT_AUTH", "7"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->cors_origins, (std::vector<std::string>{"http://a", "http://b"}));
  EXPECT_TRUE(c->trust_proxy);
  EXPECT_EQ(c->rate_limits.auth, 7);
}

TEST(Config, MalformedNumberNamesTheVariable) {
  auto c = Load({{"PORT", "80x"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::kValidationError);
  EXPECT_EQ(c.error().details.at("field").as_string(), "PORT");
}

}  // namespace
}  // namespace echotune::core
