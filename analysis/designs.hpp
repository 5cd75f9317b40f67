// Experimental designs for sensitivity analysis: points in the unit hypercube (0, 1)^d, or level
// indices for a full grid. Deterministic: the same arguments (and seed) give the same points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fupin::analysis {

// Row-major points: points[i][k] is coordinate k of point i.
using Points = std::vector<std::vector<double>>;

// Every combination of levels: counts[k] levels in dimension k; rows of level indices, the last
// dimension varying fastest. Empty when a count is 0.
std::vector<std::vector<std::size_t>> full_grid(const std::vector<std::size_t>& counts);

// Latin hypercube of n points in d dimensions: in each dimension every one of the n strata
// [j/n, (j+1)/n) holds exactly one point, at a uniform position inside it; strata are paired
// across dimensions by independent random permutations drawn from `seed`.
Points latin_hypercube(std::size_t n, std::size_t d, std::uint64_t seed);

// The first n points of the d-dimensional Sobol low-discrepancy sequence (Joe–Kuo direction
// numbers, boost::random::sobol), starting after its point at the origin: all in (0, 1).
Points sobol_sequence(std::size_t n, std::size_t d);

// Saltelli's design for Sobol indices (Saltelli et al. 2010, Comput. Phys. Commun. 181, 259):
// the base matrices A and B are the two halves of a 2d-dimensional Sobol sequence of n points,
// and AB_i is A with column i taken from B. Rows are grouped per base row j, in the order
// A_j, B_j, AB_j^1 ... AB_j^d: n * (d + 2) points.
Points saltelli(std::size_t n, std::size_t d);

// Morris elementary-effects trajectories (Morris 1991, Technometrics 33, 161). Each coordinate
// takes one of `levels` values (i + 0.5) / levels (levels even, at least 2), and one step moves
// one coordinate by delta = 1/2 (levels/2 grid steps), up or down. A trajectory is d + 1 points,
// starting at a random grid point, each step changing a different coordinate in a random order.
struct MorrisDesign {
  Points points;                     // r * (d + 1) rows, trajectory by trajectory
  std::vector<std::size_t> changed;  // r * d: the coordinate step s of each trajectory changes
  std::vector<double> step;          // r * d: its signed change (+delta or -delta)
  std::size_t trajectories = 0;
  std::size_t dimensions = 0;
  double delta = 0.5;
};
MorrisDesign morris(std::size_t trajectories, std::size_t d, std::size_t levels,
                    std::uint64_t seed);

}  // namespace fupin::analysis
