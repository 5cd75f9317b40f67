// Sorting person-weighted incomes by (income, weight), the order the Gini and the median need.
//
// Every year the run sorts one observation per household. A comparison sort of a million
// (income, weight) pairs was a quarter of a reference run's time, so incomes that are finite and
// non-negative, with whole-number weights below 2,048 (people in a household), are sorted on
// their bits (for non-negative doubles, ordering the IEEE-754 patterns as integers orders the
// values): first permuted in place into ranges by the leading 16 bits of the pattern, then the
// ranges sorted side by side, each on its own: when it is small (up to 4,096) by one counting pass
// on the next bits and insertion within each bucket, and else by a
// least-significant-digit radix sort (13-bit digits of the income's pattern from bit 22 up,
// skipping every digit that all observations of the range share; the 22 lowest bits and the weight
// order only neighbours whose higher bits agree, and each such group is put in order by a stable
// sort of its own). An input of up to 4,096 observations (a run of a few thousand households) is
// sorted whole by comparison, which costs less than the 65,536 ranges' counts, wherever equal
// observations are the same bits (no NaN, no −0.0). Other input falls back to a comparison sort.
// Either way the result is the one sorted order of the pairs, so it does not depend on the method
// or on the thread count; −0.0 is sorted with 0.0 (input with a −0.0 is radix-sorted whole,
// keeping the two zeros in input order).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "models/metrics/poverty_measures.hpp"

namespace fupin::models {

// Sorts `obs` ascending by income, then weight. `scratch` is working memory, kept by the caller
// so that a yearly sort seldom allocates: it grows to the largest range of incomes that is radix
// sorted (a few per cent of the observations for a spread of incomes; all of them when most
// incomes fall in one range, or when one is −0.0) for each range sorted side by side (at most
// four, and no more than the scope's threads). Runs in the calling thread's
// sim::parallel::Scope (parallel over ranges and over fixed chunks of the input).
void sort_by_income(std::vector<IncomeObservation>& obs, std::vector<IncomeObservation>& scratch);
// The same for compact observations (whole-number weights in 16 bits): the same order.
void sort_by_income(std::vector<CompactObservation>& obs, std::vector<CompactObservation>& scratch);

// Incomes at least `low` and below `high`.
struct IncomeWindow {
  double low;
  double high;
};
// Writes observations begin..end−1 (indices into the input) to out[0], out[1], ..., in index
// order: every one if `window` is null, else only those whose income lies in *window (the sort
// asks so for incomes it has found finite and non-negative); returns how many it wrote. `out` has
// room for end − begin. Called from several threads at once, for disjoint indices, and more than
// once for each index (the same observations every time).
using ObservationSource = std::function<std::size_t(
    std::size_t begin, std::size_t end, const IncomeWindow* window, CompactObservation* out)>;
// Sets `obs` to the n observations of `source`, sorted as sort_by_income above sorts them, with no
// serial pass: the source is read twice in parallel pieces, first to count the observations of
// each leading-bits range, then to write each straight into its range (instead of writing them in
// order and permuting them in place), and the ranges are sorted side by side. Input the radix
// cannot key, or with a −0.0 income, is written in order and sorted as above.
void sort_by_income(std::size_t n, const ObservationSource& source,
                    std::vector<CompactObservation>& obs, std::vector<CompactObservation>& scratch);

// What for_each_sorted_part gives: the next observations in sorted order.
using SortedPart = std::function<void(std::span<const CompactObservation> part)>;
// Calls `part` with the n observations of `source` in the order sort_by_income above sorts them,
// in at most `parts` consecutive parts of whole leading-bits ranges, each about n / parts
// observations (at most that and one range more), so that `obs` holds one part at a time instead
// of all n: measures that run over the sorted sequence (the Gini, the median) run over the parts
// in turn and give the same bits. The source is read once to count, and once more for each part
// (with one part, that reading gives it every observation). Input the radix cannot key, or with a
// −0.0 income, is sorted whole and given as one part. Throws std::invalid_argument if `parts` is 0.
void for_each_sorted_part(std::size_t n, const ObservationSource& source, std::size_t parts,
                          std::vector<CompactObservation>& obs,
                          std::vector<CompactObservation>& scratch, const SortedPart& part);

}  // namespace fupin::models
