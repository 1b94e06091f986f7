// Per-user random holdout splits: the protocol of SYSTEM.md §6.4.
#pragma once

#include <cstdint>
#include <vector>

#include "recs/csr_matrix.h"

namespace echotune::recs::eval {

struct Split {
  CsrMatrix train;                               // users × items, raw values
  std::vector<std::vector<std::uint32_t>> test;  // per user, held-out item ids (sorted)
};

// Shuffles each user's interactions with a generator seeded from (seed, user)
// and holds out round(test_fraction · n) of them (at least one when n ≥ 2,
// none when n < 2). Deterministic for a given seed on every platform.
Split RandomSplit(const CsrMatrix& interactions, double test_fraction, std::uint64_t seed);

}  // namespace echotune::recs::eval
