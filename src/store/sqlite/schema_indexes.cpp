// ReadIndexes (schema.h): what the database really has, read back from
// sqlite_master and the index pragmas, so tests can compare it with the table.
#include <algorithm>
#include <tuple>

#include "store/sqlite/schema.h"

namespace echotune::store::sqlite {

namespace {

core::Status ReadKeys(Connection& conn, const std::string& index, IndexSpec& spec) {
  auto s = conn.Prepare("SELECT name, \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 "
                        "ORDER BY seqno", index);
  if (!s.ok()) return std::move(s).error();
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return core::Ok();
    spec.keys.push_back({s->Text(0), s->Int(1) ? -1 : 1});
  }
}

core::Status ReadFlags(Connection& conn, const std::string& table, const std::string& index,
                       IndexSpec& spec) {
  auto s = conn.Prepare("SELECT \"unique\", partial FROM pragma_index_list(?1) WHERE name = ?2",
                        table, index);
  if (!s.ok()) return std::move(s).error();
  auto row = s->Step();
  if (!row.ok()) return std::move(row).error();
  if (*row) {
    spec.unique = s->Int(0) != 0;
    spec.sparse = s->Int(1) != 0;
  }
  return core::Ok();
}

void AddTtl(const std::string& collection, IndexSpec& spec) {
  if (spec.keys.size() != 1) return;
  for (const auto& rule : TtlRules()) {
    if (rule.table == TableName(collection) && rule.column == spec.keys[0].field) {
      spec.expire_after_seconds = rule.seconds;
    }
  }
}

core::Result<std::optional<ReportedIndex>> ReadTextIndex(Connection& conn) {
  auto s = conn.Prepare("SELECT name FROM pragma_table_info('echotune_playlists_fts') ORDER BY cid");
  if (!s.ok()) return std::move(s).error();
  IndexSpec spec;
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) break;
    spec.keys.push_back({s->Text(0), 1, true});
  }
  if (spec.keys.empty()) return std::optional<ReportedIndex>();
  spec.name = DefaultIndexName(spec.keys);
  return std::optional<ReportedIndex>(ReportedIndex{collections::kPlaylists, spec});
}

}  // namespace

core::Result<std::vector<ReportedIndex>> ReadIndexes(Connection& conn) {
  std::vector<std::pair<std::string, std::string>> found;  // index, table
  {
    auto s = conn.Prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND "
                          "name LIKE 'echotune\\_%.%' ESCAPE '\\'");
    if (!s.ok()) return std::move(s).error();
    for (;;) {
      auto row = s->Step();
      if (!row.ok()) return std::move(row).error();
      if (!*row) break;
      found.emplace_back(s->Text(0), s->Text(1));
    }
  }
  std::vector<ReportedIndex> out;
  for (const auto& [index, table] : found) {
    size_t dot = index.find('.');
    ReportedIndex r{index.substr(kTablePrefix.size(), dot - kTablePrefix.size()), {}};
    r.spec.name = index.substr(dot + 1);
    if (auto st = ReadKeys(conn, index, r.spec); !st.ok()) return std::move(st).error();
    if (auto st = ReadFlags(conn, table, index, r.spec); !st.ok()) return std::move(st).error();
    AddTtl(r.collection, r.spec);
    out.push_back(std::move(r));
  }
  auto text = ReadTextIndex(conn);
  if (!text.ok()) return std::move(text).error();
  if (*text) out.push_back(std::move(**text));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.collection, a.spec.name) < std::tie(b.collection, b.spec.name);
  });
  return out;
}

}  // namespace echotune::store::sqlite
