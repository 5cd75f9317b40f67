// FGT poverty measures, weighted Gini and weighted median on person-weighted incomes.
//
// Conventions (the header's contract, spelled out):
// - Empty input or zero total population: every measure returns 0 (there is nobody to be poor or
//   unequal, and reporting code should not have to special-case empty regions).
// - Gini with zero total income (everybody at 0) also returns 0: the Lorenz curve is undefined,
//   and "nobody has anything" is reported as perfect equality. The Gini assumes non-negative
//   incomes; with negative incomes it can exceed 1.
// - FGT gaps are censored at zero income: the normalised gap min(1, (z − y)/z) is at most 1, so
//   a negative net income (this year's costs above everything earned) counts as a gap of 1 and
//   P2 <= P1 <= P0 <= 1 always. Callers that want the Gini of such incomes bottom-code them.
// - Invalid input (negative or non-finite weight, non-finite income, non-positive or non-finite
//   poverty line, negative alpha, unsorted input to the *_sorted functions) throws
//   std::invalid_argument.
#include "models/metrics/poverty_measures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fupin::models {
namespace {

void check_observation(double income, double weight) {
  if (!std::isfinite(income)) throw std::invalid_argument("poverty measures: non-finite income");
  if (!std::isfinite(weight) || weight < 0) {
    throw std::invalid_argument("poverty measures: weight must be finite and non-negative, got " +
                                std::to_string(weight));
  }
}

void check_line(double line) {
  if (!std::isfinite(line) || line <= 0) {
    throw std::invalid_argument("poverty measures: poverty line must be finite and positive, got " +
                                std::to_string(line));
  }
}

template <class Obs>
void check_sorted(std::span<const Obs> sorted, const char* what) {
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].income < sorted[i - 1].income) {
      throw std::invalid_argument(std::string(what) + ": observations are not sorted by income");
    }
  }
}

double ratio_or_zero(double numerator, double people) {
  return people > 0 ? numerator / people : 0.0;
}

template <class Obs>
double gini_sorted_of(std::span<const Obs> sorted) {
  check_sorted<Obs>(sorted, "gini_sorted");
  double total_people = 0;  // W
  double total_income = 0;  // S_n
  for (const auto& o : sorted) {
    check_observation(o.income, static_cast<double>(o.weight));
    total_people += static_cast<double>(o.weight);
    total_income += static_cast<double>(o.weight) * o.income;
  }
  if (total_people <= 0 || total_income == 0) return 0.0;

  // Trapezoid rule under the Lorenz curve: G = 1 − Σ_i w_i (2 S_{i−1} + w_i y_i) / (W · S_n),
  // S_i = Σ_{k≤i} w_k y_k. Exact for grouped data where each group shares one income; equal to
  // the mean-difference form Σ_i Σ_j w_i w_j |y_i − y_j| / (2 W² μ).
  double cumulative = 0;  // S_{i−1}
  double area = 0;
  for (const auto& o : sorted) {
    const double weight = static_cast<double>(o.weight);
    const double mass = weight * o.income;
    area += weight * (2 * cumulative + mass);
    cumulative += mass;
  }
  return 1.0 - area / (total_people * total_income);
}

template <class Obs>
double median_sorted_of(std::span<const Obs> sorted) {
  check_sorted<Obs>(sorted, "median_sorted");
  double total_people = 0;
  for (const auto& o : sorted) {
    check_observation(o.income, static_cast<double>(o.weight));
    total_people += static_cast<double>(o.weight);
  }
  if (total_people <= 0) return 0.0;
  // Lower median: the smallest income at which at least half the people are at or below it.
  double cumulative = 0;
  for (const auto& o : sorted) {
    const double weight = static_cast<double>(o.weight);
    cumulative += weight;
    if (weight > 0 && 2 * cumulative >= total_people) return o.income;
  }
  return sorted.back().income;  // unreachable in exact arithmetic; guards rounding
}

}  // namespace

void FgtPartial::reject(double income, double weight, double line) {
  check_observation(income, weight);
  check_line(line);
  throw std::logic_error("FgtPartial::reject: the observation and the line are valid");
}

void FgtPartial::merge(const FgtPartial& other) {
  people += other.people;
  poor_people += other.poor_people;
  gap_ratio += other.gap_ratio;
  gap_ratio_sq += other.gap_ratio_sq;
  income_mass += other.income_mass;
}

double FgtPartial::fgt0() const { return ratio_or_zero(poor_people, people); }
double FgtPartial::fgt1() const { return ratio_or_zero(gap_ratio, people); }
double FgtPartial::fgt2() const { return ratio_or_zero(gap_ratio_sq, people); }
double FgtPartial::mean_income() const { return ratio_or_zero(income_mass, people); }

double fgt(std::span<const IncomeObservation> obs, double line, double alpha) {
  check_line(line);
  if (!std::isfinite(alpha) || alpha < 0) {
    throw std::invalid_argument("fgt: alpha must be finite and non-negative, got " +
                                std::to_string(alpha));
  }
  double people = 0;
  double sum = 0;
  for (const auto& o : obs) {
    check_observation(o.income, o.weight);
    people += o.weight;
    if (o.income < line) {
      const double g = poverty_gap_ratio(o.income, line);
      // alpha 0, 1, 2 use the same arithmetic as FgtPartial so the two agree bit for bit;
      // alpha = 0 counts the poor (0^0 = 1 by the FGT convention).
      if (alpha == 0) {
        sum += o.weight;
      } else if (alpha == 1) {
        sum += o.weight * g;
      } else if (alpha == 2) {
        sum += o.weight * g * g;
      } else {
        sum += o.weight * std::pow(g, alpha);
      }
    }
  }
  return ratio_or_zero(sum, people);
}

double gini(std::span<const IncomeObservation> obs) {
  std::vector<IncomeObservation> sorted(obs.begin(), obs.end());
  for (const auto& o : sorted) check_observation(o.income, o.weight);
  std::sort(sorted.begin(), sorted.end(),
            [](const IncomeObservation& a, const IncomeObservation& b) {
              return a.income != b.income ? a.income < b.income : a.weight < b.weight;
            });
  return gini_sorted(sorted);
}

double gini_sorted(std::span<const IncomeObservation> sorted) { return gini_sorted_of(sorted); }
double median_sorted(std::span<const IncomeObservation> sorted) { return median_sorted_of(sorted); }
double gini_sorted_compact(std::span<const CompactObservation> sorted) {
  return gini_sorted_of(sorted);
}
double median_sorted_compact(std::span<const CompactObservation> sorted) {
  return median_sorted_of(sorted);
}

GiniAndMedian gini_and_median_sorted_compact(std::span<const CompactObservation> sorted) {
  std::uint64_t people = 0;
  for (const CompactObservation& o : sorted) people += o.weight;
  SortedGiniAndMedian sums(people);
  sums.add(sorted);
  return sums.result();
}

// GCC packs the running income mass and the Lorenz area into one vector register here, which
// chains each step's area update (a multiply and an add) onto the next step's mass: about 17
// cycles an observation instead of the 4 of two separate chains of additions. This pass runs on
// one thread (its sums are in income order), so it is kept scalar; the operations, and so the
// bits, are the same.
#if defined(__GNUC__) && !defined(__clang__)
#define FUPIN_SCALAR_SUMS __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define FUPIN_SCALAR_SUMS
#endif

FUPIN_SCALAR_SUMS void SortedGiniAndMedian::add(std::span<const CompactObservation> part) {
  // The sums of gini_sorted_of in the same order: the Lorenz area's running income mass ends as
  // the total income, bit for bit. People are whole numbers, so their sums are exact in any type.
  // The sums run in locals, written back at the end: the members are doubles that the
  // observations' doubles could alias, so the compiler would store them at every step.
  std::uint64_t people = people_;
  double cumulative = cumulative_;
  double area = area_;
  bool any = any_;
  double last = last_;
  for (const CompactObservation& o : part) {
    const double income = o.income;
    if (any && income < last) {
      throw std::invalid_argument("gini_sorted: observations are not sorted by income");
    }
    const double weight = o.weight;
    check_observation(income, weight);
    people += o.weight;
    const double mass = weight * income;
    area += weight * (2 * cumulative + mass);
    cumulative += mass;
    // Lower median, as median_sorted_of: the first income with at least half the people at or
    // below.
    if (!median_found_ && o.weight > 0 && 2 * people >= total_) {
      median_found_ = true;
      median_ = income;
    }
    any = true;
    last = income;
  }
  people_ = people;
  cumulative_ = cumulative;
  area_ = area;
  any_ = any;
  last_ = last;
}

GiniAndMedian SortedGiniAndMedian::result() const {
  if (people_ != total_) {
    throw std::logic_error("SortedGiniAndMedian: the parts hold " + std::to_string(people_) +
                           " people, not the " + std::to_string(total_) + " given");
  }
  const auto total_people = static_cast<double>(people_);
  GiniAndMedian out;
  out.gini =
      total_people <= 0 || cumulative_ == 0 ? 0.0 : 1.0 - area_ / (total_people * cumulative_);
  if (people_ == 0) return out;
  out.median = median_found_ ? median_ : last_;
  return out;
}

}  // namespace fupin::models
