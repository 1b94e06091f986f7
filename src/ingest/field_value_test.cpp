#include "ingest/field_value.h"

#include <gtest/gtest.h>

namespace echotune::ingest {
namespace {

TEST(FieldValue, NumbersAcceptExponentNotationInEitherCase) {
  EXPECT_DOUBLE_EQ(*ParseNumber("4.79e-06").value, 4.79e-06);
  EXPECT_DOUBLE_EQ(*ParseNumber("4.79E-06").value, 4.79e-06);
  EXPECT_DOUBLE_EQ(*ParseNumber(" -7.727 ").value, -7.727);
  EXPECT_DOUBLE_EQ(*ParseNumber("+1").value, 1.0);
}

TEST(FieldValue, UnquotedNaIsMissingButQuotedNaIsText) {
  EXPECT_FALSE(ParseNumber("NA").value);
  EXPECT_FALSE(ParseNumber("NA").invalid);
  EXPECT_FALSE(ParseNumber("").invalid);
  EXPECT_TRUE(IsMissingValue("NA", false));
  EXPECT_FALSE(IsMissingValue("NA", true));
}

TEST(FieldValue, GarbageIsInvalid) {
  EXPECT_TRUE(ParseNumber("0.5x").invalid);
  EXPECT_TRUE(ParseInteger("1.5").invalid);
  EXPECT_EQ(*ParseInteger("2.0e5").value, 200000);
  EXPECT_TRUE(ParseBoolean("maybe").invalid);
  EXPECT_TRUE(*ParseBoolean("TRUE").value);
  EXPECT_FALSE(*ParseBoolean("0").value);
}

TEST(FieldValue, ReleaseYearFromFullAndPartialDates) {
  EXPECT_EQ(ReleaseYearOf("2019-06-14"), 2019);
  EXPECT_EQ(ReleaseYearOf("2019-06"), 2019);
  EXPECT_EQ(ReleaseYearOf("1957"), 1957);
  EXPECT_EQ(ReleaseYearOf("14/06/2019"), 2019);
  EXPECT_EQ(ReleaseYearOf("1/2/03"), std::nullopt);
  EXPECT_EQ(ReleaseYearOf(""), std::nullopt);
}

TEST(FieldValue, SplitListUnderstandsPythonListsAndSeparators) {
  EXPECT_EQ(SplitList("['Earth, Wind & Fire', \"Bob\"]", ";"),
            (std::vector<std::string>{"Earth, Wind & Fire", "Bob"}));
  EXPECT_EQ(SplitList("pop; dance pop |edm", ";|"), (std::vector<std::string>{"pop", "dance pop", "edm"}));
  EXPECT_EQ(SplitList("Earth, Wind & Fire", ";"), (std::vector<std::string>{"Earth, Wind & Fire"}));
  EXPECT_TRUE(SplitList("  ", ";").empty());
}

}  // namespace
}  // namespace echotune::ingest
