// The embedded schema: one table per collection ("echotune_" + name), columns
// named exactly as the contract's field paths (quoted: "audioFeatures.energy"),
// a "doc" JSON column holding the whole document where the table is not fully
// columnar, side tables for the multikey fields, FTS5 for the text index, and
// every index of CollectionSpecs() under the name "<table>.<mongo name>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/index_spec.h"
#include "store/sqlite/connection.h"

namespace echotune::store::sqlite {

inline constexpr std::string_view kTablePrefix = "echotune_";

std::string TableName(std::string_view collection);

// A TTL rule of the table: rows with column <= now - seconds are expired.
struct TtlRule {
  std::string table;
  std::string column;
  int64_t seconds = 0;
};
// From the TTL indexes of CollectionSpecs().
const std::vector<TtlRule>& TtlRules();
// The rule of a collection's table. REQUIRES: the collection has a TTL index.
const TtlRule& TtlRuleFor(std::string_view collection);

// Creates what is missing; idempotent. One line per table, trigger and index:
// "created index echotune_users.spotifyId_1" / "found table echotune_users".
[[nodiscard]] core::Result<std::vector<std::string>> CreateSchema(Connection& conn);

// The indexes the database has, as ReportedIndex rows sorted by (collection,
// name): SQLite indexes named "<table>.<name>", plus the FTS5 table as the text
// index, with expire_after_seconds from TtlRules().
[[nodiscard]] core::Result<std::vector<ReportedIndex>> ReadIndexes(Connection& conn);

}  // namespace echotune::store::sqlite
