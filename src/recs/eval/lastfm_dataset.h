// The HetRec 2011 Last.fm 2K data set (users × artists with play counts, and
// user-assigned artist tags) as dense-id matrices for offline evaluation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "recs/csr_matrix.h"

namespace echotune::recs::eval {

// One row of user_taggedartists.dat: `user` applied `tag` to `item`. `user`
// is the dense listener id, or kNotAListener when the tagger has no plays.
struct TagAssignment {
  static constexpr std::uint32_t kNotAListener = 0xFFFFFFFFu;
  std::uint32_t user = kNotAListener;
  std::uint32_t item = 0;
  std::uint32_t tag = 0;
};

struct LastfmDataset {
  std::uint32_t users = 0;
  std::uint32_t items = 0;             // artists that appear in user_artists.dat
  std::vector<Triplet> plays;          // (user, item, play count), one per pair
  std::vector<std::string> item_names;
  CsrMatrix item_tags;                 // items × tags, value = number of users who applied the tag
  std::vector<std::string> tag_names;  // UTF-8
  std::vector<TagAssignment> tag_assignments;  // every row behind item_tags
  bool has_tags = false;  // false: no tag files, item_tags is items × 0
};

// items × tags like LastfmDataset::item_tags, without the tags a listener
// applied to an artist of theirs that `train` holds out: an artist they played
// (in `all`) that is not in their training row. A held-out artist's own tags
// would otherwise tell the model what the listener thinks of it.
CsrMatrix VisibleItemTags(const std::vector<TagAssignment>& assignments, std::uint32_t tags,
                          const CsrMatrix& all, const CsrMatrix& train);

// Reads user_artists.dat (required) and, when present, artists.dat (names;
// else empty) and tags.dat with user_taggedartists.dat (tags; else none) from
// `dir`: tab-separated, one header line each. Ids are any non-empty text (the
// dense ids follow first appearance); a weight is a finite number >= 0, and a
// row of weight 0 is not an interaction. Names are UTF-8, or Latin-1 (HetRec)
// decoded. Tag assignments of artists nobody listened to are dropped. Fails
// with kNotFound (no user_artists.dat) / kValidationError naming the file and
// line.
core::Result<LastfmDataset> LoadLastfm(const std::filesystem::path& dir);

}  // namespace echotune::recs::eval
