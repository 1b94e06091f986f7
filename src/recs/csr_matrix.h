// CsrMatrix: a compressed sparse row matrix of floats, the compact storage of
// every user×item and item×item relation in the recommendation model.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace echotune::recs {

struct Triplet {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  float value = 0;
};

class CsrMatrix {
 public:
  CsrMatrix() = default;
  CsrMatrix(std::uint32_t rows, std::uint32_t cols);

  // Builds from triplets in any order; duplicates (same row and col) are summed.
  // Columns within a row come out sorted ascending.
  static CsrMatrix FromTriplets(std::uint32_t rows, std::uint32_t cols, std::vector<Triplet> triplets);

  // Builds from per-row (col, value) lists already sorted by col.
  static CsrMatrix FromRows(std::uint32_t cols,
                            const std::vector<std::vector<std::pair<std::uint32_t, float>>>& rows);

  CsrMatrix Transposed() const;

  // [left | right]: the columns of `right` follow those of `left`.
  // REQUIRES: left.rows() == right.rows().
  static CsrMatrix HStack(const CsrMatrix& left, const CsrMatrix& right);

  std::uint32_t rows() const { return rows_; }
  std::uint32_t cols() const { return cols_; }
  std::size_t nnz() const { return indices_.size(); }

  // REQUIRES: r < rows(). Valid until the matrix is modified or destroyed.
  std::span<const std::uint32_t> RowIndices(std::uint32_t r) const {
    return {indices_.data() + indptr_[r], indices_.data() + indptr_[r + 1]};
  }
  std::span<const float> RowValues(std::uint32_t r) const {
    return {values_.data() + indptr_[r], values_.data() + indptr_[r + 1]};
  }
  std::span<float> MutableRowValues(std::uint32_t r) {
    return {values_.data() + indptr_[r], values_.data() + indptr_[r + 1]};
  }
  std::uint32_t RowSize(std::uint32_t r) const { return static_cast<std::uint32_t>(indptr_[r + 1] - indptr_[r]); }

  // Bytes held by the three arrays.
  std::size_t MemoryBytes() const;

 private:
  std::uint32_t rows_ = 0;
  std::uint32_t cols_ = 0;
  std::vector<std::uint64_t> indptr_{0};
  std::vector<std::uint32_t> indices_;
  std::vector<float> values_;
};

}  // namespace echotune::recs
