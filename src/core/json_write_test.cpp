#include "core/json_write.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

namespace echotune::core {
namespace {

TEST(JsonWrite, PrintsDoublesWithoutExponents) {
  boost::json::object o;
  o["score"] = 0.8123;
  o["small"] = 0.00001;
  o["whole"] = 3.0;
  o["nan"] = std::numeric_limits<double>::quiet_NaN();
  o["n"] = 42;
  o["s"] = "a\"b\n";
  EXPECT_EQ(JsonWrite(o),
            R"({"score":0.8123,"small":0.00001,"whole":3,"nan":null,"n":42,"s":"a\"b\n"})");
}

TEST(JsonWrite, RoundsScores) { EXPECT_DOUBLE_EQ(RoundTo(0.123456, 4), 0.1235); }

}  // namespace
}  // namespace echotune::core
