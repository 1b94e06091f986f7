#include "recs/csr_dense.h"

#include <Eigen/QR>

namespace echotune::recs {

RowMatrix Multiply(const CsrMatrix& a, const RowMatrix& x) {
  RowMatrix y = RowMatrix::Zero(a.rows(), x.cols());
  for (std::uint32_t r = 0; r < a.rows(); ++r) {
    auto cols = a.RowIndices(r);
    auto vals = a.RowValues(r);
    for (std::size_t k = 0; k < cols.size(); ++k) y.row(r) += vals[k] * x.row(cols[k]);
  }
  return y;
}

RowMatrix MultiplyTransposed(const CsrMatrix& a, const RowMatrix& y) {
  RowMatrix x = RowMatrix::Zero(a.cols(), y.cols());
  for (std::uint32_t r = 0; r < a.rows(); ++r) {
    auto cols = a.RowIndices(r);
    auto vals = a.RowValues(r);
    for (std::size_t k = 0; k < cols.size(); ++k) x.row(cols[k]) += vals[k] * y.row(r);
  }
  return x;
}

RowMatrix Orthonormal(const RowMatrix& y) {
  Eigen::HouseholderQR<Eigen::MatrixXf> qr(y);
  Eigen::MatrixXf q = qr.householderQ() * Eigen::MatrixXf::Identity(y.rows(), y.cols());
  return q;
}

}  // namespace echotune::recs
