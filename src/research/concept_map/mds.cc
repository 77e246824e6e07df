#include "research/concept_map/mds.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>
#include <thread>

#include "research/concept_map/tied_pairs.h"

namespace covalue::research {
namespace {

void Centre(std::vector<Point>& map) {
  double mx = 0;
  double my = 0;
  for (const Point& p : map) {
    mx += p.x;
    my += p.y;
  }
  mx /= static_cast<double>(map.size());
  my /= static_cast<double>(map.size());
  for (Point& p : map) {
    p.x -= mx;
    p.y -= my;
  }
}

// Centred and turned so x is the axis of greatest spread, signs chosen so the point farthest
// along each axis lies on its positive side: one orientation for every run.
void Orient(std::vector<Point>& map) {
  Centre(map);
  double sxx = 0;
  double syy = 0;
  double sxy = 0;
  for (const Point& p : map) {
    sxx += p.x * p.x;
    syy += p.y * p.y;
    sxy += p.x * p.y;
  }
  const double angle = 0.5 * std::atan2(2 * sxy, sxx - syy);
  const double c = std::cos(angle);
  const double s = std::sin(angle);
  Point far_x;
  Point far_y;
  for (Point& p : map) {
    p = {c * p.x + s * p.y, -s * p.x + c * p.y};
    far_x = std::abs(p.x) > std::abs(far_x.x) ? p : far_x;
    far_y = std::abs(p.y) > std::abs(far_y.y) ? p : far_y;
  }
  const double flip_x = far_x.x < 0 ? -1 : 1;
  const double flip_y = far_y.y < 0 ? -1 : 1;
  for (Point& p : map) {
    p = {flip_x * p.x, flip_y * p.y};
  }
}

// Scales d̂ so Σ d̂² equals the number of pairs, as smacof normalises it.
void Normalise(std::vector<double>& dhat) {
  double total = 0;
  for (double v : dhat) total += v * v;
  if (total > 0) {
    const double f = std::sqrt(static_cast<double>(dhat.size()) / total);
    for (double& v : dhat) v *= f;
  }
}

// One SMACOF run: Guttman transforms G(X) = n⁻¹·B(X)·X (unit weights), over-relaxed as de Leeuw
// & Heiser (1980) propose (X ← 2·G(X) − X, about half the iterations), alternating with the
// primary monotone regression, until the normalised raw stress Σ(d̂ − d)² / pairs (Σ d̂² =
// pairs, as smacof normalises) changes by less than a tolerance. Can be continued with a finer
// tolerance.
class Run {
 public:
  // pairs: the dissimilarities' tie blocks, copied (each run keeps its own order).
  Run(const TiedPairs& pairs, std::vector<Point> start)
      : pairs_(pairs), x_(std::move(start)), y_(x_.size()) {
    Centre(x_);
    pairs_.Measure(x_);
    dhat_ = pairs_.Dissimilarities();
    Normalise(dhat_);
    // Scale the start to fit d̂ best: x ← (Σ d·d̂ / Σ d²)·x.
    double dd = 0;
    double ddhat = 0;
    const auto p = pairs_.Pairs();
    for (std::size_t k = 0; k < p.size(); ++k) {
      dd += p[k].distance * p[k].distance;
      ddhat += p[k].distance * dhat_[k];
    }
    if (dd > 0) {
      const double f = ddhat / dd;
      for (Point& pt : x_) pt = {f * pt.x, f * pt.y};
      pairs_.Measure(x_);
    }
    stress_ = RawStress();
  }

  // Iterates until the stress falls by less than tolerance or max_iterations have run.
  void Iterate(std::size_t max_iterations, double tolerance) {
    const double inv_n = 1.0 / static_cast<double>(x_.size());
    for (std::size_t iteration = 0; iteration < max_iterations; ++iteration) {
      ++iterations_;
      std::fill(y_.begin(), y_.end(), Point{});
      const auto p = pairs_.Pairs();
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (p[k].distance <= 0) continue;
        const double r = dhat_[k] / p[k].distance;
        const Point& a = x_[p[k].i];
        const Point& b = x_[p[k].j];
        const double dx = r * (a.x - b.x);
        const double dy = r * (a.y - b.y);
        y_[p[k].i].x += dx;
        y_[p[k].i].y += dy;
        y_[p[k].j].x -= dx;
        y_[p[k].j].y -= dy;
      }
      for (std::size_t i = 0; i < y_.size(); ++i) {
        y_[i] = {2 * y_[i].x * inv_n - x_[i].x, 2 * y_[i].y * inv_n - x_[i].y};
      }
      x_.swap(y_);
      pairs_.Measure(x_);
      pairs_.Regress(dhat_);
      Normalise(dhat_);
      const double after = RawStress();
      const double change = stress_ - after;
      stress_ = after;
      if (std::abs(change) < tolerance) {
        return;
      }
    }
  }

  [[nodiscard]] const std::vector<Point>& Map() const { return x_; }
  [[nodiscard]] std::size_t Iterations() const { return iterations_; }

 private:
  double RawStress() const {
    const auto p = pairs_.Pairs();
    double sum = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
      sum += (dhat_[k] - p[k].distance) * (dhat_[k] - p[k].distance);
    }
    return sum / static_cast<double>(p.size());
  }

  TiedPairs pairs_;
  std::vector<Point> x_;
  std::vector<Point> y_;
  std::vector<double> dhat_;
  double stress_ = 0;
  std::size_t iterations_ = 0;
};

std::vector<Point> RandomStart(std::size_t n, std::uint64_t seed, std::size_t start) {
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                         static_cast<std::uint32_t>(start)};
  std::mt19937_64 random(sequence);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::vector<Point> x(n);
  for (Point& p : x) {
    p.x = uniform(random);
    p.y = uniform(random);
  }
  return x;
}

double StressOf(TiedPairs pairs, std::span<const Point> map) {
  pairs.Measure(map);
  std::vector<double> dhat;
  pairs.Regress(dhat);
  double residual = 0;
  double total = 0;
  const auto p = pairs.Pairs();
  for (std::size_t k = 0; k < p.size(); ++k) {
    residual += (p[k].distance - dhat[k]) * (p[k].distance - dhat[k]);
    total += p[k].distance * p[k].distance;
  }
  return total > 0 ? std::sqrt(residual / total) : 0;
}

// Runs work(item) for every item on up to `threads` threads; item k on thread k mod threads.
template <typename Work>
void InParallel(const std::vector<std::size_t>& items, std::size_t threads, const Work& work) {
  const std::size_t workers = std::clamp<std::size_t>(threads, 1, items.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t k = t; k < items.size(); k += workers) work(items[k]);
    });
  }
  for (std::size_t k = 0; k < items.size(); k += workers) work(items[k]);
  for (std::thread& thread : pool) thread.join();
}

}  // namespace

double StressOne(std::span<const double> dissimilarities, std::span<const Point> map) {
  return StressOf(TiedPairs(dissimilarities, map.size()), map);
}

SmacofResult Smacof(std::span<const double> dissimilarities, std::span<const Point> torgerson,
                    const SmacofOptions& options) {
  const std::size_t n = torgerson.size();
  assert(n >= 2 && options.starts >= 1);  // the caller's promise
  const TiedPairs pairs(dissimilarities, n);
  std::vector<std::unique_ptr<Run>> runs(options.starts);
  std::vector<double> stress(options.starts, std::numeric_limits<double>::infinity());
  const std::size_t threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  // Every start to the screening tolerance; then the best few on to the full tolerance.
  std::vector<std::size_t> all(options.starts);
  std::iota(all.begin(), all.end(), 0);
  InParallel(all, threads, [&](std::size_t start) {
    std::vector<Point> from = start == 0 ? std::vector<Point>(torgerson.begin(), torgerson.end())
                                         : RandomStart(n, options.seed, start);
    runs[start] = std::make_unique<Run>(pairs, std::move(from));
    runs[start]->Iterate(options.max_iterations, options.screen_tolerance);
    stress[start] = StressOf(pairs, runs[start]->Map());
  });
  std::vector<std::size_t> best = all;
  std::stable_sort(best.begin(), best.end(),
                   [&](std::size_t a, std::size_t b) { return stress[a] < stress[b]; });
  best.resize(std::min(best.size(), std::max<std::size_t>(1, options.refined)));
  InParallel(best, threads, [&](std::size_t start) {
    runs[start]->Iterate(options.max_iterations - runs[start]->Iterations(), options.tolerance);
    stress[start] = StressOf(pairs, runs[start]->Map());
  });
  const std::size_t chosen =
      *std::min_element(best.begin(), best.end(), [&](std::size_t a, std::size_t b) {
        return stress[a] < stress[b] || (stress[a] == stress[b] && a < b);
      });
  SmacofResult result{runs[chosen]->Map(), 0, chosen, runs[chosen]->Iterations()};
  Orient(result.map);
  result.stress1 = StressOf(pairs, result.map);
  return result;
}

}  // namespace covalue::research
