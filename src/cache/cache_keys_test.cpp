#include "cache/cache_keys.h"

#include <gtest/gtest.h>

#include <set>

#include "cache/redis_commands.h"
#include "cache/redis_url.h"

namespace echotune::cache {
namespace {

TEST(CacheKeys, BuildersFollowTheContractPatterns) {
  EXPECT_EQ(RecsKey("u1", "hybrid", 20), "recs:u1:hybrid:20");
  EXPECT_EQ(RecsPrefix("u1"), "recs:u1:");
  EXPECT_EQ(FeaturesKey("t9"), "features:t9");
  EXPECT_EQ(OauthStateKey("abc"), "oauth:state:abc");
  EXPECT_EQ(SessionKey("s1"), "session:s1");
  EXPECT_EQ(UserPrefsKey("u1"), "user:u1:prefs");
  EXPECT_EQ(SpotifyHealthKey(), "health:spotify");
  EXPECT_EQ(ProviderHealthKey("gemini"), "provider:health:gemini");
}

TEST(CacheKeys, TtlsAreTheContractOnes) {
  EXPECT_EQ(kRecsTtl.count(), 3600);
  EXPECT_EQ(kFeaturesTtl.count(), 86400);
  EXPECT_EQ(kOauthStateTtl.count(), 600);
  EXPECT_EQ(kSessionTtl.count(), 1800);
  EXPECT_EQ(kSearchTtl.count(), 300);
  EXPECT_EQ(kUserPrefsTtl.count(), 3600);
  EXPECT_EQ(kSpotifyHealthTtl.count(), 60);
  EXPECT_EQ(kProviderHealthTtl.count(), 30);
  EXPECT_EQ(TtlOf(PatternOf(SearchKey("x"))), kSearchTtl);
  EXPECT_EQ(TtlOf(PatternOf("whatever")), kDefaultTtl);
}

TEST(CacheKeys, EveryBuiltKeyMapsBackToItsPattern) {
  EXPECT_EQ(PatternOf(RecsKey("u", "s", 1)), KeyPattern::kRecs);
  EXPECT_EQ(PatternOf(FeaturesKey("t")), KeyPattern::kFeatures);
  EXPECT_EQ(PatternOf(OauthStateKey("s")), KeyPattern::kOauthState);
  EXPECT_EQ(PatternOf(SessionKey("s")), KeyPattern::kSession);
  EXPECT_EQ(PatternOf(SearchKey("q")), KeyPattern::kSearch);
  EXPECT_EQ(PatternOf(UserPrefsKey("u")), KeyPattern::kUserPrefs);
  EXPECT_EQ(PatternOf(SpotifyHealthKey()), KeyPattern::kSpotifyHealth);
  EXPECT_EQ(PatternOf(ProviderHealthKey("p")), KeyPattern::kProviderHealth);
  EXPECT_EQ(PatternOf("user:u1:other"), KeyPattern::kOther);
  EXPECT_EQ(PatternOf("health:spotifyx"), KeyPattern::kOther);
}

TEST(CacheKeys, PatternNamesAreDistinctLabels) {
  std::set<std::string_view> names;
  for (size_t i = 0; i < kKeyPatternCount; ++i) names.insert(PatternName(static_cast<KeyPattern>(i)));
  EXPECT_EQ(names.size(), kKeyPatternCount);
  EXPECT_EQ(PatternName(KeyPattern::kUserPrefs), "user_prefs");
}

TEST(CacheKeys, SearchNormalisationTrimsLowercasesCollapsesAndSorts) {
  EXPECT_EQ(NormaliseSearch("  Daft \t Punk\n ", {{"Type", " track "}, {"limit", "20"}}),
            "q=daft punk&limit=20&type=track");
}

TEST(CacheKeys, EquivalentSearchesShareAKeyAndOthersDoNot) {
  const std::string key = SearchKey("Daft Punk", {{"type", "track"}, {"limit", "20"}});
  EXPECT_EQ(key, SearchKey("  daft   PUNK ", {{"limit", "20"}, {"type", "track"}}));
  EXPECT_NE(key, SearchKey("daft punk", {{"type", "artist"}, {"limit", "20"}}));
  EXPECT_NE(key, SearchKey("daftpunk", {{"type", "track"}, {"limit", "20"}}));
  EXPECT_EQ(key.size(), std::string("search:").size() + 32);
}

TEST(CacheKeys, SearchHashIsStableAcrossRuns) {
  // First 128 bits of SHA-256("q=hello"): fixed, not process- or build-dependent.
  EXPECT_EQ(SearchKey("  HELLO "), "search:985658aa5eae1f3e32f7f3657e2da557");
}

TEST(GlobEscape, EscapesMatchMetacharacters) {
  EXPECT_EQ(GlobEscape("recs:u1:"), "recs:u1:");
  EXPECT_EQ(GlobEscape("a*b?c[d]e\\"), "a\\*b\\?c\\[d\\]e\\\\");
}

TEST(RedisUrl, ParsesHostPortPasswordAndDb) {
  auto url = ParseRedisUrl("redis://:s3cret@cache.local:6380/2");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "cache.local");
  EXPECT_EQ(url->port, 6380);
  EXPECT_EQ(url->user, "");
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_EQ(url->db, 2);
}

TEST(RedisUrl, DefaultsPortAndDbAndAcceptsAnAclUser) {
  auto plain = ParseRedisUrl("redis://localhost");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->port, 6379);
  EXPECT_EQ(plain->db, 0);
  EXPECT_TRUE(plain->password.empty());
  auto acl = ParseRedisUrl("redis://app:p%40ss@10.0.0.5:6379/");
  ASSERT_TRUE(acl.ok());
  EXPECT_EQ(acl->user, "app");
  EXPECT_EQ(acl->password, "p@ss");
  EXPECT_EQ(acl->host, "10.0.0.5");
}

TEST(RedisUrl, RejectsOtherSchemesAndBadParts) {
  EXPECT_FALSE(ParseRedisUrl("http://localhost:6379").ok());
  EXPECT_FALSE(ParseRedisUrl("redis://localhost:6379/abc").ok());
  EXPECT_FALSE(ParseRedisUrl("redis://:pw@/0").ok());
  EXPECT_FALSE(ParseRedisUrl("not a url").ok());
  auto bad = ParseRedisUrl("redis://:hunter2@localhost/x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace echotune::cache
