#include "recs/embeddings.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>

#include "recs/csr_dense.h"

namespace echotune::recs {
namespace {

// items × (users + tags) with idf-weighted log values: the listener block is
// the weighted user×item matrix transposed, the tag block follows it.
CsrMatrix WeightedItemMatrix(const CsrMatrix& user_item, const CsrMatrix& item_tags,
                             float tag_weight) {
  const std::uint32_t items = user_item.cols();
  CsrMatrix listeners = user_item;
  for (std::uint32_t u = 0; u < listeners.rows(); ++u) {
    float idf = std::log(1.0f + static_cast<float>(items) /
                                    (1.0f + static_cast<float>(listeners.RowSize(u))));
    for (float& v : listeners.MutableRowValues(u)) v = std::log1p(v) * idf;
  }
  std::vector<float> df(item_tags.cols(), 0.0f);
  for (std::uint32_t i = 0; i < item_tags.rows(); ++i) {
    for (std::uint32_t c : item_tags.RowIndices(i)) df[c] += 1.0f;
  }
  CsrMatrix tags = item_tags;
  for (std::uint32_t i = 0; i < tags.rows(); ++i) {
    auto cols = tags.RowIndices(i);
    auto vals = tags.MutableRowValues(i);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      float idf = std::log(1.0f + static_cast<float>(items) / (1.0f + df[cols[k]]));
      vals[k] = tag_weight * std::log1p(vals[k]) * idf;
    }
  }
  return CsrMatrix::HStack(listeners.Transposed(), tags);
}

void StoreUnitRows(const RowMatrix& m, std::uint32_t dim, std::vector<float>& out) {
  out.assign(static_cast<std::size_t>(m.rows()) * dim, 0.0f);
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    std::span<float> row(out.data() + static_cast<std::size_t>(r) * dim, dim);
    const auto cols = std::min<Eigen::Index>(dim, m.cols());  // tiny inputs have fewer
    for (Eigen::Index c = 0; c < cols; ++c) row[static_cast<std::size_t>(c)] = m(r, c);
    Normalise(row);
  }
}

}  // namespace

// Randomized range finder with power iterations, then an exact SVD of the
// small projected matrix. Item vectors are U·S, tag vectors the matching
// columns of V·S, both normalised so a dot product is a cosine.
Embeddings LearnEmbeddings(const CsrMatrix& user_item, const CsrMatrix& item_tags,
                           const EmbeddingParams& params) {
  CsrMatrix a = WeightedItemMatrix(user_item, item_tags, params.tag_weight);
  if (a.rows() == 0 || a.cols() == 0) {  // an empty catalogue: nothing to learn
    Embeddings empty;
    empty.dim = 8;
    empty.tag_vectors.assign(static_cast<std::size_t>(item_tags.cols()) * empty.dim, 0.0f);
    return empty;
  }
  const auto l = static_cast<Eigen::Index>(params.dim + params.oversample);
  std::mt19937_64 rng(params.seed);
  std::normal_distribution<float> normal;
  RowMatrix omega(a.cols(), l);
  for (Eigen::Index i = 0; i < omega.size(); ++i) omega.data()[i] = normal(rng);
  RowMatrix q = Orthonormal(Multiply(a, omega));
  for (std::uint32_t it = 0; it < params.power_iterations; ++it) {
    q = Orthonormal(Multiply(a, Orthonormal(MultiplyTransposed(a, q))));
  }
  RowMatrix bt = MultiplyTransposed(a, q);  // (qᵀ a)ᵀ: cols × l
  Eigen::JacobiSVD<Eigen::MatrixXf> svd(bt, Eigen::ComputeThinU | Eigen::ComputeThinV);
  // Rounded down to a multiple of 8 for SimilarityScan.
  const std::uint32_t dim = std::max<std::uint32_t>(
      8, std::min<std::uint32_t>(params.dim, static_cast<std::uint32_t>(l)) / 8 * 8);
  RowMatrix item_vs = q * svd.matrixV() * svd.singularValues().asDiagonal();
  RowMatrix feat_vs = svd.matrixU() * svd.singularValues().asDiagonal();
  Embeddings e;
  e.items = a.rows();
  e.dim = dim;
  StoreUnitRows(item_vs, dim, e.item_vectors);
  e.item_columns.resize(e.item_vectors.size());
  for (std::size_t i = 0; i < e.items; ++i) {
    for (std::size_t d = 0; d < dim; ++d)
      e.item_columns[d * e.items + i] = e.item_vectors[i * dim + d];
  }
  RowMatrix tag_vs = feat_vs.bottomRows(item_tags.cols());
  StoreUnitRows(tag_vs, dim, e.tag_vectors);
  return e;
}

// Item blocks small enough that their scores stay in L1 while each
// dimension's column streams through once.
void SimilarityScan(const Embeddings& e, std::span<const float> query, std::span<float> scores) {
  constexpr std::size_t kBlock = 1024;
  const std::size_t n = e.items;
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t len = std::min(kBlock, n - first);
    float* out = scores.data() + first;
    std::fill(out, out + len, 0.0f);
    for (std::size_t d = 0; d < e.dim; ++d) {
      const float* col = e.item_columns.data() + d * n + first;
      const float q = query[d];
      for (std::size_t i = 0; i < len; ++i) out[i] += q * col[i];
    }
  }
}

// Row by row: a pool of a tenth of the catalogue reads a tenth of the rows.
// Eight lanes (dim is a multiple of 8) so the dot product vectorises.
void SimilarityScan(const Embeddings& e, std::span<const float> query,
                    std::span<const std::uint32_t> ids, std::span<float> scores) {
  for (std::uint32_t i : ids) {
    const float* row = e.item_vectors.data() + std::size_t{i} * e.dim;
    float lanes[8] = {};
    for (std::size_t d = 0; d < e.dim; d += 8) {
      for (std::size_t k = 0; k < 8; ++k) lanes[k] += query[d + k] * row[d + k];
    }
    float dot = 0;
    for (float lane : lanes) dot += lane;
    scores[i] = dot;
  }
}

void Normalise(std::span<float> v) {
  float n = 0;
  for (float x : v) n += x * x;
  if (n <= 0) return;
  n = 1.0f / std::sqrt(n);
  for (float& x : v) x *= n;
}

}  // namespace echotune::recs
