// Full grid, Latin hypercube, Sobol sequence, Saltelli and Morris designs.
#include "analysis/designs.hpp"

#include <boost/random/sobol.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/random.hpp"

namespace fupin::analysis {

namespace {

// A uniform index in [0, n) from a stream (n small: the modulo bias of 2^64 is negligible, and
// the result is the same on every platform).
std::size_t uniform_index(sim::RandomStream& s, std::size_t n) {
  return static_cast<std::size_t>(s.next_u64() % n);
}

}  // namespace

std::vector<std::vector<std::size_t>> full_grid(const std::vector<std::size_t>& counts) {
  std::vector<std::vector<std::size_t>> out;
  std::size_t total = 1;
  for (const std::size_t c : counts) total *= c;
  if (total == 0) return out;
  out.reserve(total);
  std::vector<std::size_t> index(counts.size(), 0);
  for (std::size_t row = 0; row < total; ++row) {
    out.push_back(index);
    for (std::size_t k = counts.size(); k-- > 0;) {
      if (++index[k] < counts[k]) break;
      index[k] = 0;
    }
  }
  return out;
}

Points latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed) {
  Points out(n, std::vector<double>(d, 0.0));
  const sim::RandomSource source(seed, "sweep.latin_hypercube");
  for (std::size_t k = 0; k < d; ++k) {
    sim::RandomStream s = source.stream(k, 0);
    std::vector<std::size_t> strata(n);
    for (std::size_t i = 0; i < n; ++i) strata[i] = i;
    for (std::size_t i = n; i > 1; --i)
      std::swap(strata[i - 1], strata[uniform_index(s, i)]);  // Fisher–Yates
    for (std::size_t i = 0; i < n; ++i) {
      out[i][k] = (static_cast<double>(strata[i]) + s.uniform()) / static_cast<double>(n);
    }
  }
  return out;
}

Points sobol_sequence(std::size_t n, std::size_t d) {
  if (d == 0 || d > 3667)
    throw std::invalid_argument("a Sobol sequence has 1 to 3667 dimensions, not " +
                                std::to_string(d));
  boost::random::sobol engine(static_cast<std::size_t>(d));
  Points out(n, std::vector<double>(d, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    // 64-bit integers scaled by 2^-64: exact, since the first points have few significant bits.
    for (std::size_t k = 0; k < d; ++k) out[i][k] = std::ldexp(static_cast<double>(engine()), -64);
  }
  return out;
}

Points saltelli(std::size_t n, std::size_t d) {
  const Points base = sobol_sequence(n, 2 * d);
  Points out;
  out.reserve(n * (d + 2));
  for (std::size_t j = 0; j < n; ++j) {
    const std::vector<double> a(base[j].begin(), base[j].begin() + static_cast<std::ptrdiff_t>(d));
    const std::vector<double> b(base[j].begin() + static_cast<std::ptrdiff_t>(d), base[j].end());
    out.push_back(a);
    out.push_back(b);
    for (std::size_t i = 0; i < d; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      out.push_back(std::move(ab));
    }
  }
  return out;
}

MorrisDesign morris(std::size_t trajectories, std::size_t d, std::size_t levels,
                    std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) {
    throw std::invalid_argument("Morris levels must be even and at least 2, not " +
                                std::to_string(levels));
  }
  MorrisDesign out;
  out.trajectories = trajectories;
  out.dimensions = d;
  out.delta = 0.5;
  const std::size_t jump = levels / 2;
  const auto value = [levels](std::size_t level) {
    return (static_cast<double>(level) + 0.5) / static_cast<double>(levels);
  };
  const sim::RandomSource source(seed, "sweep.morris");
  for (std::size_t t = 0; t < trajectories; ++t) {
    sim::RandomStream s = source.stream(t, 0);
    // Each coordinate starts at a level from which a step of `jump` levels stays on the grid,
    // going up from the lower half or down from the upper half.
    std::vector<std::size_t> level(d);
    std::vector<bool> up(d);
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t low = uniform_index(s, levels - jump);
      up[k] = (s.next_u64() & 1U) == 0;
      level[k] = up[k] ? low : low + jump;
    }
    std::vector<std::size_t> order(d);
    for (std::size_t k = 0; k < d; ++k) order[k] = k;
    for (std::size_t i = d; i > 1; --i) std::swap(order[i - 1], order[uniform_index(s, i)]);
    std::vector<double> x(d);
    for (std::size_t k = 0; k < d; ++k) x[k] = value(level[k]);
    out.points.push_back(x);
    for (const std::size_t k : order) {
      level[k] = up[k] ? level[k] + jump : level[k] - jump;
      x[k] = value(level[k]);
      out.points.push_back(x);
      out.changed.push_back(k);
      out.step.push_back(up[k] ? out.delta : -out.delta);
    }
  }
  return out;
}

}  // namespace fupin::analysis
