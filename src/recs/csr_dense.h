// Products of a sparse CsrMatrix with dense row-major Eigen matrices, and an
// orthonormal basis of a dense matrix's columns: the steps of the randomized
// range finders (embeddings.h, ease_lowrank.h).
#pragma once

#include <Eigen/Core>

#include "recs/csr_matrix.h"

namespace echotune::recs {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// a · x. REQUIRES: x.rows() == a.cols().
RowMatrix Multiply(const CsrMatrix& a, const RowMatrix& x);

// aᵀ · y. REQUIRES: y.rows() == a.rows().
RowMatrix MultiplyTransposed(const CsrMatrix& a, const RowMatrix& y);

// Q with orthonormal columns spanning y's columns (thin Householder QR).
RowMatrix Orthonormal(const RowMatrix& y);

}  // namespace echotune::recs
