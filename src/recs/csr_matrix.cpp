#include "recs/csr_matrix.h"

#include <algorithm>

namespace echotune::recs {

CsrMatrix::CsrMatrix(std::uint32_t rows, std::uint32_t cols)
    : rows_(rows), cols_(cols), indptr_(rows + 1, 0) {}

CsrMatrix CsrMatrix::FromTriplets(std::uint32_t rows, std::uint32_t cols, std::vector<Triplet> triplets) {
  std::sort(triplets.begin(), triplets.end(), [](const Triplet& a, const Triplet& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  CsrMatrix m(rows, cols);
  m.indices_.reserve(triplets.size());
  m.values_.reserve(triplets.size());
  for (std::size_t i = 0; i < triplets.size(); ++i) {
    const Triplet& t = triplets[i];
    bool same = i > 0 && triplets[i - 1].row == t.row && triplets[i - 1].col == t.col;
    if (same) {
      m.values_.back() += t.value;
      continue;
    }
    m.indices_.push_back(t.col);
    m.values_.push_back(t.value);
    ++m.indptr_[t.row + 1];
  }
  for (std::uint32_t r = 0; r < rows; ++r) m.indptr_[r + 1] += m.indptr_[r];
  return m;
}

CsrMatrix CsrMatrix::FromRows(std::uint32_t cols,
                              const std::vector<std::vector<std::pair<std::uint32_t, float>>>& rows) {
  CsrMatrix m(static_cast<std::uint32_t>(rows.size()), cols);
  std::size_t total = 0;
  for (const auto& row : rows) total += row.size();
  m.indices_.reserve(total);
  m.values_.reserve(total);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (const auto& [c, v] : rows[r]) {
      m.indices_.push_back(c);
      m.values_.push_back(v);
    }
    m.indptr_[r + 1] = m.indices_.size();
  }
  return m;
}

CsrMatrix CsrMatrix::Transposed() const {
  CsrMatrix t(cols_, rows_);
  for (std::uint32_t c : indices_) ++t.indptr_[c + 1];
  for (std::uint32_t c = 0; c < cols_; ++c) t.indptr_[c + 1] += t.indptr_[c];
  t.indices_.resize(indices_.size());
  t.values_.resize(values_.size());
  std::vector<std::uint64_t> next(t.indptr_.begin(), t.indptr_.end() - 1);
  for (std::uint32_t r = 0; r < rows_; ++r) {
    for (std::uint64_t k = indptr_[r]; k < indptr_[r + 1]; ++k) {
      std::uint64_t dst = next[indices_[k]]++;
      t.indices_[dst] = r;
      t.values_[dst] = values_[k];
    }
  }
  return t;
}

CsrMatrix CsrMatrix::HStack(const CsrMatrix& left, const CsrMatrix& right) {
  CsrMatrix m(left.rows_, left.cols_ + right.cols_);
  m.indices_.reserve(left.nnz() + right.nnz());
  m.values_.reserve(left.nnz() + right.nnz());
  for (std::uint32_t r = 0; r < left.rows_; ++r) {
    auto lc = left.RowIndices(r), rc = right.RowIndices(r);
    auto lv = left.RowValues(r), rv = right.RowValues(r);
    m.indices_.insert(m.indices_.end(), lc.begin(), lc.end());
    m.values_.insert(m.values_.end(), lv.begin(), lv.end());
    for (std::uint32_t c : rc) m.indices_.push_back(left.cols_ + c);
    m.values_.insert(m.values_.end(), rv.begin(), rv.end());
    m.indptr_[r + 1] = m.indices_.size();
  }
  return m;
}

std::size_t CsrMatrix::MemoryBytes() const {
  return indptr_.size() * sizeof(std::uint64_t) + indices_.size() * sizeof(std::uint32_t) +
         values_.size() * sizeof(float);
}

}  // namespace echotune::recs
