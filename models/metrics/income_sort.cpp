#include "models/metrics/income_sort.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/parallel.hpp"

namespace fupin::models {
namespace {

constexpr int kDigitBits = 13;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kMask = kBuckets - 1;
// The income's lowest bits, which the passes skip: sort_groups orders each group of neighbours
// those bits and the weight would order.
constexpr int kGroupBits = 22;
// A digit is named by the shift of its lowest bit. The passes key the income alone, from bit 22
// up: 22-34 and 35-47, which are all a leading-bits range leaves to sort (its 16 leading bits are
// shared), in two passes (with 11-bit digits it took three, and a copy back), then 48-60 and
// 61-63, shared within a range and passed only when the whole input is radix sorted.
constexpr std::array<int, 4> kDigitShifts{kGroupBits, kGroupBits + kDigitBits,
                                          kGroupBits + 2 * kDigitBits, kGroupBits + 3 * kDigitBits};
static_assert(kGroupBits + 3 * kDigitBits < 64 && kGroupBits + 4 * kDigitBits >= 64);
// The digits below a range's 16 leading bits.
constexpr std::span<const int> kRangeDigits(kDigitShifts.data(), 2);
static_assert(kGroupBits + 2 * kDigitBits == 64 - 16);
// Observations per chunk of the parallel passes. Fixed, so the chunks do not depend on threads.
constexpr std::size_t kChunk = std::size_t{1} << 16;

template <class Obs>
bool less(const Obs& a, const Obs& b) {
  return a.income < b.income || (a.income == b.income && a.weight < b.weight);
}

// `less` as a function object, which the sorts inline (given as a function pointer, each
// comparison was a call).
struct Less {
  template <class Obs>
  bool operator()(const Obs& a, const Obs& b) const {
    return less(a, b);
  }
};

std::uint64_t income_bits(double income) {
  if (income == 0.0) return 0;  // −0.0 sorts with 0.0
  std::uint64_t bits = 0;
  std::memcpy(&bits, &income, sizeof bits);
  return bits;
}

template <class Obs>
std::uint32_t digit(const Obs& o, int shift) {
  return static_cast<std::uint32_t>((income_bits(o.income) >> shift) & kMask);
}

// The key is the income's bit pattern, in the order of the values for finite non-negative
// incomes; weights are compared, never keyed.
bool keyable(const IncomeObservation& o) { return std::isfinite(o.income) && o.income >= 0; }

bool keyable(const CompactObservation& o) {
  const double income = o.income;
  return std::isfinite(income) && income >= 0;
}

using Histogram = std::array<std::uint32_t, kBuckets>;

// Turns each chunk's count of each bucket into where the chunk writes that bucket: buckets in
// order, chunks in order within a bucket, so a scatter by these offsets is stable. Adds each
// bucket's total to total[b] if `total` is given.
template <class PerChunk>
void write_offsets(std::vector<PerChunk>& counts, std::size_t buckets,
                   std::uint32_t* total = nullptr) {
  std::uint32_t offset = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    for (PerChunk& c : counts) {
      const std::uint32_t m = c[b];
      c[b] = offset;
      offset += m;
      if (total != nullptr) total[b] += m;
    }
  }
}

// One stable LSD pass per digit of `digits` (in that order) from `src`, skipping a digit every
// observation shares; returns where the result is (`src` or `dst`).
template <class Obs>
Obs* radix_passes(Obs* src, Obs* dst, std::size_t n, std::span<const int> digits) {
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  if (chunks == 1) {
    // One chunk (most ranges of sort_ranges): every digit's counts in one reading, since a pass
    // moves observations but does not change how many have each value of another digit.
    std::vector<Histogram> counts(digits.size());
    for (Histogram& h : counts) h.fill(0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < digits.size(); ++j) ++counts[j][digit(src[i], digits[j])];
    }
    for (std::size_t j = 0; j < digits.size(); ++j) {
      Histogram& at = counts[j];
      if (std::ranges::find(at, static_cast<std::uint32_t>(n)) != at.end()) continue;  // shared
      std::uint32_t offset = 0;
      for (std::uint32_t& c : at) offset += std::exchange(c, offset);
      const int d = digits[j];
      for (std::size_t i = 0; i < n; ++i) dst[at[digit(src[i], d)]++] = src[i];
      std::swap(src, dst);
    }
    return src;
  }
  std::vector<Histogram> counts(chunks);
  for (const int d : digits) {
    sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
      Histogram& h = counts[c];
      h.fill(0);
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) ++h[digit(src[i], d)];
    });
    // Every observation shares this digit: the pass would not move anything.
    bool shared = false;
    for (std::size_t b = 0; b < kBuckets && !shared; ++b) {
      std::size_t total = 0;
      for (const Histogram& h : counts) total += h[b];
      if (total == n) shared = true;
      if (total != 0) break;
    }
    if (shared) continue;
    write_offsets(counts, kBuckets);
    sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
      Histogram& at = counts[c];
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) dst[at[digit(src[i], d)]++] = src[i];
    });
    std::swap(src, dst);
  }
  return src;
}

// The income's bits above its 22 lowest (42 bits: a relative 2^-30).
template <class Obs>
std::uint64_t high_bits(const Obs& o) {
  return income_bits(o.income) >> kGroupBits;
}

// The income's two lowest digits order only observations whose higher bits agree, which are rare
// (and where they are not, such as many incomes a rounding unit from one value, they are few
// groups): the passes skip them, and each group of neighbours with the same higher bits is put in
// order by a stable sort of (income, weight) of its own (nothing to do for most, which are one
// observation). The passes are stable, so a group is in input order before its sort, and ties of
// (income, weight) stay in input order: the result is the one stable order of the input. Each chunk
// sorts the groups that start in it; where they start is found first, so that a chunk reads and
// writes only its own groups, also when one reaches into later chunks.
template <class Obs>
void sort_groups(Obs* data, std::size_t n) {
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::size_t> first(chunks);  // the chunk's first observation that starts a group
  sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
    std::size_t i = c * kChunk;
    const std::size_t end = std::min(n, i + kChunk);
    if (c > 0) {
      const std::uint64_t before = high_bits(data[i - 1]);
      while (i < end && high_bits(data[i]) == before) ++i;  // a group that started earlier
    }
    first[c] = i;
  });
  sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
    const std::size_t end = std::min(n, (c + 1) * kChunk);
    for (std::size_t i = first[c]; i < end;) {
      const std::uint64_t key = high_bits(data[i]);
      std::size_t j = i + 1;
      while (j < n && high_bits(data[j]) == key) ++j;
      if (j - i > 1 && !std::is_sorted(data + i, data + j, Less{}))
        std::stable_sort(data + i, data + j, Less{});
      i = j;
    }
  });
}

// The stable radix sort of [first, first + n) with working memory `buffer` (n observations): the
// income's digits from bit 22 up; then the groups of neighbours whose incomes agree above bit 22,
// by comparison of (income, weight). No pass on the weight: groups of more
// than one are rare, and a pass moved every observation.
// `digits`: kDigitShifts, or kRangeDigits for observations of one leading-bits range.
template <class Obs>
void radix_sort(Obs* first, std::size_t n, Obs* buffer, std::span<const int> digits) {
  if (n < 2) return;
  const Obs* sorted = radix_passes(first, buffer, n, digits);
  if (sorted != first) std::copy(sorted, sorted + n, first);
  sort_groups(first, n);
}

// The first sorting step: the leading 16 bits of an income's pattern (sign, exponent and four
// bits of the mantissa) split incomes into ranges a sixteenth of an octave wide.
constexpr int kLeadBits = 16;
constexpr std::size_t kLeadBuckets = std::size_t{1} << kLeadBits;
// Ranges up to this size are sorted by sort_small_range; larger ones by the radix sort above.
constexpr std::size_t kSmallRange = std::size_t{1} << 12;
// The most ranges radix sorted side by side, each in working memory of its own.
constexpr std::size_t kMaxSideBySide = 4;
// Observations read from a source at a time.
constexpr std::size_t kSourceBlock = 4096;

template <class Obs>
std::uint32_t lead(const Obs& o) {
  return static_cast<std::uint32_t>(income_bits(o.income) >> (64 - kLeadBits));
}

using Counts = std::vector<std::uint32_t>;

// One pass over the input: whether the radix can key every observation, whether an income is
// −0.0, and how many incomes each leading-bits range holds (valid when every one is keyable).
struct Scan {
  bool keyable = true;
  bool negative_zero = false;
  Counts count;
};

template <class Obs>
Scan scan(const std::vector<Obs>& obs) {
  const std::size_t n = obs.size();
  // At most 16 pieces (each counts into 65,536 ranges), of at least 2^18 observations.
  const std::size_t grain = std::max<std::size_t>(std::size_t{1} << 18, (n + 15) / 16);
  return sim::parallel::reduce(
      n, grain, Scan{true, false, Counts(kLeadBuckets, 0)},
      [&](std::size_t begin, std::size_t end) {
        Scan piece{true, false, Counts(kLeadBuckets, 0)};
        for (std::size_t i = begin; i < end; ++i) {
          const Obs& o = obs[i];
          if (!keyable(o)) {
            piece.keyable = false;
            break;
          }
          const double income = o.income;
          if (income == 0.0 && std::signbit(income)) piece.negative_zero = true;
          ++piece.count[lead(o)];
        }
        return piece;
      },
      [](Scan a, const Scan& b) {
        a.keyable = a.keyable && b.keyable;
        a.negative_zero = a.negative_zero || b.negative_zero;
        for (std::size_t k = 0; k < kLeadBuckets; ++k) a.count[k] += b.count[k];
        return a;
      });
}

// The ranges' first observations: begin[k] to begin[k + 1] is range k.
Counts range_starts(const Counts& count) {
  Counts begin(kLeadBuckets + 1, 0);
  for (std::size_t k = 0; k < kLeadBuckets; ++k) begin[k + 1] = begin[k] + count[k];
  return begin;
}

// Sorts a small range (at most kSmallRange observations sharing their 16 leading bits): one
// counting pass on the next bits, as many as make about one observation a bucket, into working
// memory of the thread, then each bucket of more than one by insertion on (income, weight), or by
// comparison if it holds many, and copied back. A short range is sorted by insertion alone.
template <class Obs>
void sort_small_range(Obs* first, std::size_t n) {
  constexpr std::size_t kByInsertion = 16;
  const auto insertion = [](Obs* a, std::size_t m) {
    for (std::size_t i = 1; i < m; ++i) {
      const Obs o = a[i];
      std::size_t j = i;
      for (; j > 0 && less(o, a[j - 1]); --j) a[j] = a[j - 1];
      a[j] = o;
    }
  };
  if (n <= kByInsertion) {
    insertion(first, n);
    return;
  }
  const int bits = static_cast<int>(std::bit_width(n - 1));  // 2^bits >= n
  const int shift = 64 - kLeadBits - bits;
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  const auto bucket = [&](const Obs& o) {
    return static_cast<std::size_t>((income_bits(o.income) >> shift) & mask);
  };
  const std::size_t buckets = std::size_t{1} << bits;
  // Working memory of the thread, kept for its next range.
  thread_local std::vector<std::uint32_t> at;
  thread_local std::vector<Obs> sorted;
  if (at.size() < buckets) at.resize(buckets);
  if (sorted.size() < n) sorted.resize(n);
  std::fill_n(at.begin(), buckets, std::uint32_t{0});
  for (std::size_t i = 0; i < n; ++i) ++at[bucket(first[i])];
  std::uint32_t offset = 0;
  for (std::size_t b = 0; b < buckets; ++b) offset += std::exchange(at[b], offset);
  // After the scatter at[b] is where bucket b ends (and b + 1 begins).
  for (std::size_t i = 0; i < n; ++i) sorted[at[bucket(first[i])]++] = first[i];
  std::uint32_t from = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    // Many in one bucket (ties, such as incomes raised exactly to the line) by comparison.
    const std::size_t m = at[b] - from;
    if (m > kByInsertion)
      std::sort(sorted.data() + from, sorted.data() + at[b], Less{});
    else if (m > 1)
      insertion(sorted.data() + from, m);
    from = at[b];
  }
  std::copy(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n), first);
}

// Sorts every range (begin[k], begin[k + 1]) of `obs` on its own, side by side: the small ones by
// sort_small_range (incomes crowd into a few hundred of the 65,536 ranges, so the loop runs over
// those, not over all), the large ones by radix in `slots` lanes that each take the next unsorted
// range and have working memory of the largest range of their own. Which lane sorts a range changes
// nothing: a range's sorted order is unique.
template <class Obs>
void sort_ranges(std::vector<Obs>& obs, const Counts& count, const Counts& begin,
                 std::vector<Obs>& scratch) {
  std::vector<std::uint32_t> small;
  std::vector<std::uint32_t> large;
  std::size_t largest = 0;
  for (std::size_t k = 0; k < kLeadBuckets; ++k) {
    if (count[k] > kSmallRange) {
      large.push_back(static_cast<std::uint32_t>(k));
      largest = std::max<std::size_t>(largest, count[k]);
    } else if (count[k] > 1) {
      small.push_back(static_cast<std::uint32_t>(k));
    }
  }
  sim::parallel::for_each(small.size(), 16, [&](std::size_t j) {
    const std::size_t k = small[j];
    sort_small_range(obs.data() + begin[k], count[k]);
  });
  if (large.empty()) return;
  const std::size_t slots = std::min(
      {large.size(), kMaxSideBySide, static_cast<std::size_t>(sim::parallel::max_concurrency())});
  if (scratch.size() < slots * largest) scratch.resize(slots * largest);
  std::atomic<std::size_t> unsorted{0};
  sim::parallel::for_each(slots, 1, [&](std::size_t slot) {
    Obs* buffer = scratch.data() + slot * largest;
    for (std::size_t j = unsorted++; j < large.size(); j = unsorted++) {
      const std::size_t k = large[j];
      radix_sort(obs.data() + begin[k], count[k], buffer, kRangeDigits);
    }
  });
}

// Sorts keyable observations with working memory of the largest income range for each lane of
// sort_ranges, not a second copy of the input: the observations are first permuted in place into
// their ranges (an American flag sort on the leading bits), then every range is sorted on its own.
// The sorted order of (income, weight) is unique, and observations with equal income and weight
// are indistinguishable, so the result is the stable sort's whatever sorts each range (input with
// a −0.0, which the key ranks with 0.0, does not come here). `count` is the number of observations
// in each range.
template <class Obs>
void sort_keyable(std::vector<Obs>& obs, const Counts& count, std::vector<Obs>& scratch) {
  const Counts begin = range_starts(count);
  // In place: every observation is swapped along its cycle into the next free slot of its range.
  Counts next(begin.begin(), begin.end() - 1);
  for (std::size_t k = 0; k < kLeadBuckets; ++k) {
    while (next[k] < begin[k + 1]) {
      Obs o = obs[next[k]];
      std::uint32_t home = lead(o);
      while (home != k) {
        std::swap(o, obs[next[home]++]);
        home = lead(o);
      }
      obs[next[k]++] = o;
    }
  }
  sort_ranges(obs, count, begin, scratch);
}

// Inputs of up to this many observations (a run of a few thousand households) are sorted by
// comparison (sort_small_input): the counts of 65,536 leading-bits ranges that the radix way keeps,
// zeroed, summed and walked on every sort, cost more than sorting them (bench_income_sort: 0.2 to
// 0.7 ms against 0.05 ms for 4,096 observations). One block of the source (kSourceBlock).
constexpr std::size_t kSmallInput = 4096;
static_assert(kSmallInput <= kSourceBlock);

// Whether no two observations of `obs` compare equal unless they are the same bits: no income or
// weight is a NaN (which compares equal to everything, so that `less` would not be an ordering)
// or −0.0 (equal to 0.0).
template <class Obs>
bool equal_only_if_same(const std::vector<Obs>& obs) {
  const auto odd = [](double x) { return std::isnan(x) || (x == 0.0 && std::signbit(x)); };
  return std::ranges::none_of(obs, [&](const Obs& o) {
    const double income = o.income;  // a copy: a packed member cannot be bound to a reference
    const auto weight = static_cast<double>(o.weight);
    return odd(income) || odd(weight);
  });
}

// Sorts a small input by comparison, if every two observations that compare equal are the same
// bits: then any sort gives the one sorted order, the stable sort's. Returns false, leaving `obs`
// as it was, for other input.
template <class Obs>
bool sort_small_input(std::vector<Obs>& obs) {
  if (obs.size() > kSmallInput || !equal_only_if_same(obs)) return false;
  std::sort(obs.begin(), obs.end(), Less{});
  return true;
}

template <class Obs>
void sort_observations(std::vector<Obs>& obs, std::vector<Obs>& scratch) {
  const std::size_t n = obs.size();
  if (n < 2 || sort_small_input(obs)) return;
  Scan keys;
  if (n <= UINT32_MAX) keys = scan(obs);
  if (n > UINT32_MAX || !keys.keyable) {
    sim::parallel::stable_sort(obs.begin(), obs.end(), Less{});
    return;
  }
  if (keys.negative_zero) {
    // The key ranks −0.0 with 0.0: the stable radix sort of the whole input keeps the two zeros
    // in input order.
    if (scratch.size() < n) scratch.resize(n);
    radix_sort(obs.data(), n, scratch.data(), std::span<const int>(kDigitShifts));
    return;
  }
  sort_keyable(obs, keys.count, scratch);
}

// Sizes `obs` to n observations whose values are to be overwritten. Memory too small is let go
// before larger memory is taken, not after its contents are copied: a part larger than every
// earlier one would otherwise hold both buffers at once (near a run's peak in a late year).
template <class Obs>
void make_room(std::vector<Obs>& obs, std::size_t n) {
  if (obs.capacity() < n) std::vector<Obs>().swap(obs);
  obs.resize(n);
}

}  // namespace

void sort_by_income(std::vector<IncomeObservation>& obs, std::vector<IncomeObservation>& scratch) {
  sort_observations(obs, scratch);
}

void sort_by_income(std::vector<CompactObservation>& obs,
                    std::vector<CompactObservation>& scratch) {
  sort_observations(obs, scratch);
}

void sort_by_income(std::size_t n, const ObservationSource& source,
                    std::vector<CompactObservation>& obs,
                    std::vector<CompactObservation>& scratch) {
  for_each_sorted_part(n, source, 1, obs, scratch, [](std::span<const CompactObservation>) {});
}

void for_each_sorted_part(std::size_t n, const ObservationSource& source, std::size_t parts,
                          std::vector<CompactObservation>& obs,
                          std::vector<CompactObservation>& scratch, const SortedPart& part) {
  using Obs = CompactObservation;
  if (parts == 0) throw std::invalid_argument("for_each_sorted_part: 0 parts");
  if (n <= kSmallInput) {
    // Read in order (one block) and sorted as any input is: by comparison where that gives the
    // one order (sort_small_input), and given whole.
    make_room(obs, n);
    if (n > 0 && source(0, n, nullptr, obs.data()) != n)
      throw std::logic_error("for_each_sorted_part: the source gave fewer observations than asked");
    sort_observations(obs, scratch);
    if (n > 0) part(std::span<const Obs>(obs));
    return;
  }
  // Pieces as scan's (at most 16, of at least 2^18 indices), each read from `source` in blocks.
  const std::size_t grain = std::max<std::size_t>(std::size_t{1} << 18, (n + 15) / 16);
  const std::size_t pieces = n == 0 ? 0 : (n + grain - 1) / grain;
  const auto for_blocks = [&](std::size_t piece, Obs* block, const IncomeWindow* window,
                              auto&& each) {
    const std::size_t end = std::min(n, (piece + 1) * grain);
    for (std::size_t at = piece * grain; at < end; at += kSourceBlock) {
      const std::size_t m = source(at, std::min(end, at + kSourceBlock), window, block);
      for (std::size_t j = 0; j < m; ++j) each(block[j]);
    }
  };
  // First reading: how many incomes of each piece fall in each range, and whether every
  // observation can be keyed (with no −0.0, which the in-order path keeps in input order).
  std::vector<Counts> counts(pieces);
  std::vector<char> plain(pieces, 1);
  if (n <= UINT32_MAX) {
    sim::parallel::for_each(pieces, 1, [&](std::size_t p) {
      std::vector<Obs> block(kSourceBlock);
      Counts& c = counts[p];
      c.assign(kLeadBuckets, 0);
      bool ok = true;
      for_blocks(p, block.data(), nullptr, [&](const Obs& o) {
        const double income = o.income;
        ok = ok && keyable(o) && !(income == 0.0 && std::signbit(income));
        if (ok) ++c[lead(o)];
      });
      plain[p] = ok ? 1 : 0;
    });
  }
  if (n < 2 || n > UINT32_MAX || std::ranges::count(plain, 0) > 0) {
    // The observations in order, then sorted as any input is, and given whole.
    make_room(obs, n);
    sim::parallel::for_range(n, kSourceBlock, [&](std::size_t begin, std::size_t end) {
      for (std::size_t at = begin; at < end; at += kSourceBlock)
        source(at, std::min(end, at + kSourceBlock), nullptr, obs.data() + at);
    });
    sort_observations(obs, scratch);
    if (n > 0) part(std::span<const Obs>(obs));
    return;
  }
  // Where each piece writes into each range, counted from the first observation of all.
  Counts count(kLeadBuckets, 0);
  write_offsets(counts, kLeadBuckets, count.data());
  // The parts: consecutive ranges first..last−1, part j ending with the range that brings the
  // observations so far to (j + 1) × ceil(n / parts) or more. A part is about n / parts
  // observations, and at most that and one range more.
  struct Part {
    std::size_t first, last, begin, size;
  };
  const std::size_t target = (n + parts - 1) / parts;
  std::vector<Part> groups;
  std::size_t largest = 0;
  std::size_t so_far = 0;
  for (std::size_t k = 0; k < kLeadBuckets; ++k) {
    if (count[k] == 0) continue;
    if (groups.empty() || so_far >= groups.size() * target) groups.push_back({k, k, so_far, 0});
    groups.back().last = k + 1;
    groups.back().size += count[k];
    so_far += count[k];
    largest = std::max(largest, groups.back().size);
  }
  make_room(obs, largest);
  for (const Part& pt : groups) {
    // The part's own reading writes each of its observations straight into its range; the source
    // gives only the part's, the incomes whose leading bits are first..last−1 (for finite
    // non-negative incomes, the order of the bit patterns is the order of the values). With one
    // part the source gives every observation.
    const auto bound = [](std::size_t k) {
      const std::uint64_t bits = static_cast<std::uint64_t>(k) << (64 - kLeadBits);
      double value = 0;
      std::memcpy(&value, &bits, sizeof value);
      return value;
    };
    const IncomeWindow window{bound(pt.first), bound(pt.last)};
    const IncomeWindow* only = groups.size() > 1 ? &window : nullptr;
    sim::parallel::for_each(pieces, 1, [&](std::size_t p) {
      std::vector<Obs> block(kSourceBlock);
      Counts& at = counts[p];
      for_blocks(p, block.data(), only, [&](const Obs& o) {
        const std::uint32_t k = lead(o);
        if (k < pt.first || k >= pt.last)
          throw std::logic_error(
              "for_each_sorted_part: the source gave an income outside the part");
        obs[at[k]++ - pt.begin] = o;
      });
    });
    Counts mine(kLeadBuckets, 0);
    std::copy(count.begin() + static_cast<std::ptrdiff_t>(pt.first),
              count.begin() + static_cast<std::ptrdiff_t>(pt.last),
              mine.begin() + static_cast<std::ptrdiff_t>(pt.first));
    sort_ranges(obs, mine, range_starts(mine), scratch);
    part(std::span<const Obs>(obs.data(), pt.size));
  }
}

}  // namespace fupin::models
