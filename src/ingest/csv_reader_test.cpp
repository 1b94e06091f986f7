#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace echotune::ingest {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text) {
  CsvReader reader(text, "t.csv");
  std::vector<std::vector<std::string>> rows;
  while (true) {
    auto r = reader.Next();
    EXPECT_TRUE(r.ok()) << r.error().message;
    if (!r.ok() || !r->has_value()) break;
    std::vector<std::string> row;
    for (const auto& f : (*r)->fields) row.push_back(f.text);
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto rows = ReadAll("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
}

TEST(CsvReader, HandlesCrlfBomEmptyFieldsAndNoFinalNewline) {
  auto rows = ReadAll("\xEF\xBB\xBFid,name\r\n1,\r\n,z");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "z"}));
}

TEST(CsvReader, RecordsStartLineAndQuotedness) {
  CsvReader reader("h\n\"a\nb\"\nNA\n", "t.csv");
  ASSERT_TRUE(reader.Next().ok());
  auto second = reader.Next();
  EXPECT_EQ((*second)->line, 2u);
  EXPECT_TRUE((*second)->fields[0].quoted);
  auto third = reader.Next();
  EXPECT_EQ((*third)->line, 4u);
  EXPECT_FALSE((*third)->fields[0].quoted);
}

TEST(CsvReader, UnterminatedQuoteNamesFileLineAndColumn) {
  CsvReader reader("a,b\n1,\"oops\n2,3\n", "bad.csv");
  ASSERT_TRUE(reader.Next().ok());
  auto r = reader.Next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "bad.csv:2:3: unterminated quoted field");
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  CsvReader reader("\"a\"b,c\n", "bad.csv");
  auto r = reader.Next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "bad.csv:1:4: unexpected character after closing quote");
}

}  // namespace
}  // namespace echotune::ingest
