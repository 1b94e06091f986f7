// Item–item neighbour graphs learned from a user×item implicit-feedback matrix:
// item-kNN (shrunk cosine) and RP3beta (Paudel et al. 2016, popularity-damped
// 3-step random walk). Both keep the k strongest neighbours of every item.
#pragma once

#include <cstdint>

#include "recs/csr_matrix.h"

namespace echotune::recs {

struct ItemKnnParams {
  std::uint32_t neighbours = 100;
  float shrink = 10.0f;
  int threads = 2;
};

struct Rp3betaParams {
  std::uint32_t neighbours = 100;
  float alpha = 0.8f;
  float beta = 0.4f;
  int threads = 2;
};

// Returns an items×items matrix whose row i holds i's top neighbours j != i with
// similarity cos(i, j) = x_i·x_j / (|x_i| |x_j| + shrink). Thread-safe (pure).
CsrMatrix ItemKnn(const CsrMatrix& user_item, const ItemKnnParams& params);

// Returns an items×items matrix, row i = top neighbours j of
// W_ij = sum_u P(u|i)^alpha P(j|u)^alpha / pop(j)^beta, each row scaled to max 1.
CsrMatrix Rp3beta(const CsrMatrix& user_item, const Rp3betaParams& params);

// score_j += sum over the user's (item i, weight w) of w * W_ij.
// REQUIRES: scores.size() == graph.cols().
void ScatterNeighbours(const CsrMatrix& graph, std::span<const std::uint32_t> items,
                       std::span<const float> weights, std::span<float> scores);

// W_ij if j is among i's neighbours, else 0. Rows must be sorted by column.
float GraphWeight(const CsrMatrix& graph, std::uint32_t i, std::uint32_t j);

}  // namespace echotune::recs
