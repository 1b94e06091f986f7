// User-kNN: the user's nearest listeners by shrunk cosine over implicit
// weights, and their items weighted by similarity. Computed at query time
// from the two CSR views, so it needs no training and follows every update.
#pragma once

#include <cstdint>
#include <span>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct UserKnnParams {
  std::uint32_t neighbours = 50;
  float shrink = 10.0f;
  float exponent = 1.0f;  // similarity^exponent sharpens the neighbourhood
};

// scores[j] += sum over the k most similar other users v of sim(u, v)^exp · x_vj,
// where the user's own row is (items, weights). user_item/item_user hold the
// other users (a row equal to `self` is skipped). REQUIRES: scores.size() ==
// user_item.cols(); scratch.size() == user_item.rows(), zero-filled (left zeroed).
void ScoreUserKnn(const CsrMatrix& user_item, const CsrMatrix& item_user, std::span<const float> user_norms,
                  std::span<const std::uint32_t> items, std::span<const float> weights, std::uint32_t self,
                  const UserKnnParams& params, std::span<float> scratch, std::span<float> scores);

// sqrt(sum of squared weights) of every row.
std::vector<float> RowNorms(const CsrMatrix& m);

}  // namespace echotune::recs
