#include "recs/eval/lastfm_dataset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>
#include <unordered_map>

#include "core/utf8.h"

namespace echotune::recs::eval {
namespace {

using core::Error;

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// An id field: any non-empty text (HetRec's are integers; another data set's
// may be strings such as Spotify ids).
bool ParseId(std::string_view s, std::string_view& out) {
  out = Trim(s);
  return !out.empty();
}

// A play count or weight: a finite number >= 0, integer or decimal.
bool ParseWeight(std::string_view s, double& out) {
  s = Trim(s);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out) && out >= 0;
}

// HetRec's text files are Latin-1; text that is already UTF-8 is kept.
std::string TextOf(std::string_view s) {
  s = Trim(s);
  if (core::IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Calls row(fields) for every data line of a tab-separated file with a header.
template <typename Fn>
core::Status ForEachRow(const std::filesystem::path& file, std::size_t min_fields, Fn row) {
  std::ifstream in(file);
  if (!in) return Error::NotFound("cannot open " + file.string());
  std::string line;
  std::getline(in, line);
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    auto fields = SplitTabs(line);
    if (fields.size() < min_fields || !row(fields)) {
      return Error::Validation(file.filename().string(), "bad line " + std::to_string(n));
    }
  }
  return core::Ok();
}

// Raw ids (the files' text) to dense ids in order of first appearance.
class IdMap {
 public:
  std::uint32_t Get(std::string_view raw) {
    auto [it, inserted] = ids_.try_emplace(std::string(raw), static_cast<std::uint32_t>(ids_.size()));
    return it->second;
  }
  const std::uint32_t* Find(std::string_view raw) const {
    auto it = ids_.find(std::string(raw));
    return it == ids_.end() ? nullptr : &it->second;
  }
  std::uint32_t size() const { return static_cast<std::uint32_t>(ids_.size()); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
};

core::Status LoadPlays(const std::filesystem::path& dir, LastfmDataset& d, IdMap& users, IdMap& items) {
  return ForEachRow(dir / "user_artists.dat", 3, [&](const auto& f) {
    std::string_view u, a;
    double w;
    if (!ParseId(f[0], u) || !ParseId(f[1], a) || !ParseWeight(f[2], w)) return false;
    if (w == 0) return true;  // no plays: not an interaction
    d.plays.push_back({users.Get(u), items.Get(a), static_cast<float>(w)});
    return true;
  });
}

core::Status LoadNames(const std::filesystem::path& dir, LastfmDataset& d, const IdMap& items) {
  d.item_names.assign(items.size(), "");
  return ForEachRow(dir / "artists.dat", 2, [&](const auto& f) {
    std::string_view a;
    if (!ParseId(f[0], a)) return false;
    if (const auto* id = items.Find(a)) d.item_names[*id] = TextOf(f[1]);
    return true;
  });
}

core::Status LoadTags(const std::filesystem::path& dir, LastfmDataset& d, const IdMap& users, const IdMap& items) {
  IdMap tags;
  std::vector<std::string> names;
  auto st = ForEachRow(dir / "tags.dat", 2, [&](const auto& f) {
    std::string_view t;
    if (!ParseId(f[0], t)) return false;
    if (tags.Find(t)) return true;  // a repeated tag id keeps its first name
    tags.Get(t);
    names.push_back(TextOf(f[1]));
    return true;
  });
  if (!st) return st;
  std::vector<Triplet> assignments;
  st = ForEachRow(dir / "user_taggedartists.dat", 3, [&](const auto& f) {
    std::string_view u, a, t;
    if (!ParseId(f[0], u) || !ParseId(f[1], a) || !ParseId(f[2], t)) return false;
    const auto* item = items.Find(a);
    const auto* tag = tags.Find(t);
    if (!item || !tag) return true;
    const auto* user = users.Find(u);
    assignments.push_back({*item, *tag, 1.0f});
    d.tag_assignments.push_back({user ? *user : TagAssignment::kNotAListener, *item, *tag});
    return true;
  });
  if (!st) return st;
  d.tag_names = std::move(names);
  d.item_tags = CsrMatrix::FromTriplets(d.items, tags.size(), std::move(assignments));
  return core::Ok();
}

}  // namespace

core::Result<LastfmDataset> LoadLastfm(const std::filesystem::path& dir) {
  LastfmDataset d;
  IdMap users, items;
  if (auto st = LoadPlays(dir, d, users, items); !st) return st.error();
  d.users = users.size();
  d.items = items.size();
  // The side files are optional: another data set in this format may come
  // with plays alone (the models then run without tags).
  std::error_code ec;
  if (std::filesystem::exists(dir / "artists.dat", ec)) {
    if (auto st = LoadNames(dir, d, items); !st) return st.error();
  } else {
    d.item_names.assign(d.items, "");
  }
  if (std::filesystem::exists(dir / "tags.dat", ec) && std::filesystem::exists(dir / "user_taggedartists.dat", ec)) {
    if (auto st = LoadTags(dir, d, users, items); !st) return st.error();
    d.has_tags = true;
  } else {
    d.item_tags = CsrMatrix(d.items, 0);
  }
  return d;
}

CsrMatrix VisibleItemTags(const std::vector<TagAssignment>& assignments, std::uint32_t tags,
                          const CsrMatrix& all, const CsrMatrix& train) {
  auto has = [](const CsrMatrix& m, std::uint32_t row, std::uint32_t col) {
    auto cols = m.RowIndices(row);
    return std::binary_search(cols.begin(), cols.end(), col);
  };
  std::vector<Triplet> kept;
  kept.reserve(assignments.size());
  for (const TagAssignment& a : assignments) {
    const bool listener = a.user != TagAssignment::kNotAListener && a.user < all.rows();
    if (listener && has(all, a.user, a.item) && !has(train, a.user, a.item)) continue;
    kept.push_back({a.item, a.tag, 1.0f});
  }
  return CsrMatrix::FromTriplets(all.cols(), tags, std::move(kept));
}

}  // namespace echotune::recs::eval
