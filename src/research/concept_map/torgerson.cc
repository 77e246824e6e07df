// Torgerson's classical scaling: the two leading eigenpairs of the double-centred squared
// dissimilarities.

#include <algorithm>
#include <cassert>
#include <cmath>
#include <random>

#include <Eigen/Dense>

#include "research/concept_map/mds.h"

namespace covalue::research {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

struct Leading {
  double values[2];
  VectorXd vectors[2];
};

// Up to this size the dense solver (Householder tridiagonalisation and QR, O(n³)) is quick; above
// it Lanczos's method finds the two leading pairs in O(n²) per step.
constexpr Index kDenseUpTo = 400;

Leading Dense(const MatrixXd& b) {
  const Eigen::SelfAdjointEigenSolver<MatrixXd> solver(b);
  const Index last = b.rows() - 1;
  return {{solver.eigenvalues()(last), solver.eigenvalues()(last - 1)},
          {solver.eigenvectors().col(last), solver.eigenvectors().col(last - 1)}};
}

// Lanczos's method with full reorthogonalisation (Golub & Van Loan 2013, §10.1): the Krylov
// basis grows until the two largest Ritz pairs' residuals |β_j·s_ji| fall below 1e-13·‖B‖, or the
// basis spans the space (then exact). A deterministic start; a breakdown restarts with a fresh
// vector orthogonal to the basis.
Leading Lanczos(const MatrixXd& b) {
  const Index n = b.rows();
  std::mt19937_64 random(20070101);
  std::normal_distribution<double> normal;
  const auto fresh = [&](const MatrixXd& basis, Index used) {
    VectorXd v(n);
    for (Index i = 0; i < n; ++i) v(i) = normal(random);
    for (int twice = 0; twice < 2; ++twice) {
      v -= basis.leftCols(used) * (basis.leftCols(used).transpose() * v);
    }
    return VectorXd(v.normalized());
  };
  const double scale = std::max(b.cwiseAbs().rowwise().sum().maxCoeff(), 1e-300);  // ≥ ‖B‖₂
  MatrixXd basis(n, std::min<Index>(n, 64));
  VectorXd alpha(n);
  VectorXd beta(n);
  basis.col(0) = fresh(basis, 0);
  for (Index j = 0; j < n; ++j) {
    if (j >= basis.cols()) basis.conservativeResize(Eigen::NoChange, std::min(n, 2 * basis.cols()));
    VectorXd w = b * basis.col(j);
    alpha(j) = basis.col(j).dot(w);
    for (int twice = 0; twice < 2; ++twice) {
      w -= basis.leftCols(j + 1) * (basis.leftCols(j + 1).transpose() * w);
    }
    beta(j) = w.norm();
    const bool last = j + 1 == n;
    const bool breakdown = beta(j) < 1e-12 * scale;
    if (j >= 2 && (j % 8 == 0 || last || breakdown)) {
      MatrixXd t = MatrixXd::Zero(j + 1, j + 1);
      for (Index k = 0; k <= j; ++k) {
        t(k, k) = alpha(k);
        if (k > 0) t(k, k - 1) = t(k - 1, k) = beta(k - 1);
      }
      const Eigen::SelfAdjointEigenSolver<MatrixXd> small(t);
      const double r1 = std::abs(beta(j) * small.eigenvectors()(j, j));
      const double r2 = std::abs(beta(j) * small.eigenvectors()(j, j - 1));
      if (last || (r1 < 1e-13 * scale && r2 < 1e-13 * scale)) {
        const MatrixXd& v = basis;
        return {{small.eigenvalues()(j), small.eigenvalues()(j - 1)},
                {v.leftCols(j + 1) * small.eigenvectors().col(j),
                 v.leftCols(j + 1) * small.eigenvectors().col(j - 1)}};
      }
    }
    if (last) break;
    if (breakdown) {
      beta(j) = 0;
      basis.col(j + 1) = fresh(basis, j + 1);
    } else {
      basis.col(j + 1) = w / beta(j);
    }
  }
  return Dense(b);  // not reached: the basis spans the space by j = n − 1
}

}  // namespace

std::vector<Point> Torgerson(std::span<const double> dissimilarities, std::size_t n) {
  assert(dissimilarities.size() == n * n);  // the caller's promise
  std::vector<Point> map(n);
  if (n < 2) {
    return map;
  }
  const auto size = static_cast<Index>(n);
  MatrixXd b(size, size);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double delta = i == j ? 0 : dissimilarities[i * n + j];
      b(static_cast<Index>(i), static_cast<Index>(j)) = delta * delta;
    }
  }
  // −½·J·Δ⁽²⁾·J: subtract row and column means, add the grand mean.
  const VectorXd row = b.rowwise().mean();
  const Eigen::RowVectorXd column = b.colwise().mean();
  const double grand = b.mean();
  b = (-0.5 * ((b.colwise() - row).rowwise() - column).array() - 0.5 * grand).matrix();
  const Leading leading = size <= kDenseUpTo || size < 3 ? Dense(b) : Lanczos(b);
  const double l1 = std::sqrt(std::max(0.0, leading.values[0]));
  const double l2 = std::sqrt(std::max(0.0, leading.values[1]));
  for (std::size_t i = 0; i < n; ++i) {
    map[i] = {leading.vectors[0](static_cast<Index>(i)) * l1,
              leading.vectors[1](static_cast<Index>(i)) * l2};
  }
  return map;
}

}  // namespace covalue::research
