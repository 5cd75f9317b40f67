// Sorting person-weighted incomes by (income, weight), the order the Gini and the median need.
//
// Every year the run sorts one observation per household. A comparison sort of a million
// (income, weight) pairs was a quarter of a reference run's time, so incomes that are finite and
// non-negative, with whole-number weights below 2,048 (people in a household), are sorted by a
// least-significant-digit radix sort on their bits: 11-bit digits of the weight, then of the
// income's IEEE-754 pattern (for non-negative doubles, ordering the bits as integers orders the
// values), skipping every digit that all observations share. Other input falls back to a
// comparison sort. Either way the result is the one sorted order of the pairs, so it does not
// depend on the method or on the thread count; −0.0 is sorted with 0.0.
#pragma once

#include <vector>

#include "models/metrics/poverty_measures.hpp"

namespace fupin::models {

// Sorts `obs` ascending by income, then weight. `scratch` is working memory of the same size,
// kept by the caller so that a yearly sort allocates nothing. Runs in the calling thread's
// sim::parallel::Scope (parallel over fixed chunks of the input).
void sort_by_income(std::vector<IncomeObservation>& obs, std::vector<IncomeObservation>& scratch);
// The same for compact observations (whole-number weights in 16 bits): the same order.
void sort_by_income(std::vector<CompactObservation>& obs, std::vector<CompactObservation>& scratch);

}  // namespace fupin::models
