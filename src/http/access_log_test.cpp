#include "http/access_log.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/utf8.h"

namespace echotune::http {
namespace {

TEST(AccessLog, LineIsOneJsonObjectWithTheRequestFields) {
  const std::string line = FormatAccessLine({"rid1", "", "GET", "/api/health", 200, 1.25});
  const boost::json::object o = boost::json::parse(line).as_object();
  EXPECT_EQ(o.at("msg"), "request");
  EXPECT_EQ(o.at("level"), "info");
  EXPECT_EQ(o.at("requestId"), "rid1");
  EXPECT_TRUE(o.at("userId").is_null());
  EXPECT_EQ(o.at("method"), "GET");
  EXPECT_EQ(o.at("path"), "/api/health");
  EXPECT_EQ(o.at("status").as_int64(), 200);
  EXPECT_DOUBLE_EQ(o.at("ms").as_double(), 1.25);
}

TEST(AccessLog, APathThatIsNotUtf8StillMakesValidJson) {
  // Raw target bytes as Beast hands them over: obs-text, a quote, a backslash.
  const std::string line = FormatAccessLine({"rid2", "u1", "GET", "/api/x\xff\xfe\"\\q", 400, 0.1});
  EXPECT_TRUE(core::IsValidUtf8(line));
  const boost::json::object o = boost::json::parse(line).as_object();
  EXPECT_EQ(o.at("path"), "/api/x\xef\xbf\xbd\xef\xbf\xbd\"\\q");
  EXPECT_EQ(o.at("level"), "warn");
  EXPECT_EQ(o.at("userId"), "u1");
}

}  // namespace
}  // namespace echotune::http
