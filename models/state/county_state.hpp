// The state of one logical process (a county): what its local events write, and the view of its
// slice of the run that those events receive.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/world/world.hpp"
#include "sim/ledger.hpp"

namespace fupin::models {

// Which income component a recurring source pays into once active.
enum class IncomeSource : std::uint8_t {
  project_return,   // Households::returns (a funded project, a built unit's income gain)
  job_wage,         // Households::wages (a local job)
  away_remittance,  // Households::remittances (a labourer placed in an eastern job)
};

// A yearly amount of one household, yuan per person: 12 bytes, not a padded 16 (a county keeps one
// for each household with a split plain-project return, 8.5 bytes a household nationally).
#pragma pack(push, 4)
struct HouseholdAmount {
  std::uint32_t household;
  double yuan;
};
#pragma pack(pop)
static_assert(sizeof(HouseholdAmount) == 12);

// A funded household project (or job) waiting for its lag to pass. Once active it pays
// `return_per_capita` every year: a recurring flow, never compounded.
struct PendingProject {
  std::uint32_t household;
  int first_return_year;
  double return_per_capita;    // yuan per person per year once active
  float depreciation = 0;      // yearly decline of the return once active
  std::int16_t industry = -1;  // market index whose price moves the return, -1 for none
  IncomeSource source = IncomeSource::project_return;
};

// The households of a county's projects, one per project in the projects' order: each named by its
// offset from the county's first household in 16 bits when the county has at most 65,536
// households, else (and for a column made without a county's households) by its index in 32 bits.
class HouseholdColumn {
 public:
  HouseholdColumn() = default;
  explicit HouseholdColumn(Range households);

  [[nodiscard]] std::size_t size() const { return narrow_ ? offset_.size() : wide_.size(); }
  [[nodiscard]] std::uint32_t operator[](std::size_t k) const {
    return narrow_ ? first_ + offset_[k] : wide_[k];
  }
  // Throws std::logic_error naming `what` if a 16-bit column cannot hold `household` (a household
  // of another county).
  void check(std::uint32_t household, const char* what) const;
  void push_back(std::uint32_t household);  // after check()
  void copy(std::size_t from, std::size_t to);
  void resize(std::size_t n);
  void reserve(std::size_t n);
  void shrink_to_fit();
  [[nodiscard]] std::size_t capacity() const;
  // Bytes that name each household: 2 or 4.
  [[nodiscard]] std::size_t bytes() const { return narrow_ ? 2 : 4; }
  // Calls f(index, first): household k is first + index[k], whichever width the column keeps (a
  // vector of 16- or of 32-bit values).
  template <class F>
  void visit(F&& f) const {
    if (narrow_) {
      f(offset_, first_);
    } else {
      f(wide_, std::uint32_t{0});
    }
  }

 private:
  bool narrow_ = false;
  std::uint32_t first_ = 0;            // the county's first household (narrow_)
  std::uint32_t end_ = 0;              // one past its last (narrow_)
  std::vector<std::uint16_t> offset_;  // household − first_ (narrow_)
  std::vector<std::uint32_t> wide_;    // the household (otherwise)
};

// The keys of a list's entries, kept once per run of consecutive entries that share one (the
// project lists' terms: a programme's projects come together). Run r covers entries
// at(r).begin .. end(r, n) − 1 of an n-entry list.
template <class Key>
class Runs {
 public:
  struct Run {
    std::uint32_t begin;
    Key key;
  };
  // Entry `index`, the list's next, has `key`: a run of its own unless the last run has that key.
  // Throws std::length_error for an index that 32 bits do not hold.
  void add(std::size_t index, const Key& key) {
    if (index >= std::numeric_limits<std::uint32_t>::max())
      throw std::length_error("more than 4,294,967,295 projects in one county's list");
    if (runs_.empty() || !(runs_.back().key == key))
      runs_.push_back({static_cast<std::uint32_t>(index), key});
  }
  [[nodiscard]] std::size_t size() const { return runs_.size(); }
  [[nodiscard]] const Run& at(std::size_t r) const { return runs_[r]; }
  // One past run r's last entry, of a list of n entries.
  [[nodiscard]] std::size_t end(std::size_t r, std::size_t n) const {
    return r + 1 < runs_.size() ? runs_[r + 1].begin : n;
  }
  // The run of entry k (an entry of the list): the last run that begins at or before it.
  [[nodiscard]] std::size_t containing(std::size_t k) const {
    const auto after = std::upper_bound(runs_.begin(), runs_.end(), k,
                                        [](std::size_t at, const Run& r) { return at < r.begin; });
    return static_cast<std::size_t>(after - runs_.begin()) - 1;
  }
  void clear() { runs_.clear(); }

 private:
  std::vector<Run> runs_;
};

// A county's funded projects and jobs waiting for their lag to pass, in the order they were
// funded, as a structure of arrays: 10 bytes each (the return and the household) instead of a
// padded 24-byte PendingProject. A programme funds its projects together, so consecutive projects
// share their first year of return and their (depreciation, industry, source) terms: these are
// kept once per run of consecutive projects that share them (8 bytes a run), not per project. A
// county of at most 65,536 households names each household by its offset from the county's first
// in 2 bytes (4 bytes otherwise, and for a list made without a county's households). A project's
// first year lies within the scenario's years plus its lag (at most 2,300), so 16 bits hold it. The
// list grows by a quarter at a time, not by doubling, and gives back what activation leaves unused
// beyond a quarter: a year's projects come in one burst and leave the next year, so doubling left
// up to half of the list's memory unused at the run's peak.
class PendingProjects {
 public:
  struct Terms {
    float depreciation;
    std::int16_t industry;
    IncomeSource source;
    bool operator==(const Terms&) const = default;
  };

  // Projects of any households, each named in 4 bytes.
  PendingProjects() = default;
  // Projects of the households of `households` only (push_back refuses any other).
  explicit PendingProjects(Range households);

  [[nodiscard]] std::size_t size() const { return return_.size(); }
  [[nodiscard]] bool empty() const { return return_.empty(); }
  // Projects the columns have room for without growing.
  [[nodiscard]] std::size_t capacity() const;
  void push_back(const PendingProject& p);
  // Project k (finds its run; the iterator below walks the runs instead).
  [[nodiscard]] PendingProject operator[](std::size_t k) const;
  // Runs of consecutive projects with the same first year and terms.
  [[nodiscard]] std::size_t run_count() const { return runs_.size(); }
  void clear();
  // Bytes that name each project's household: 2 or 4.
  [[nodiscard]] std::size_t household_bytes() const { return household_.bytes(); }
  // Reading the projects in order, each unpacked into a PendingProject value.
  class const_iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = PendingProject;
    using difference_type = std::ptrdiff_t;
    using reference = PendingProject;
    using pointer = void;
    const_iterator() = default;
    // Project k, which is in run `run`.
    const_iterator(const PendingProjects* owner, std::size_t k, std::size_t run)
        : owner_(owner), k_(k), run_(run) {}
    PendingProject operator*() const { return owner_->project(k_, run_); }
    const_iterator& operator++() {
      ++k_;
      if (k_ == owner_->runs_.end(run_, owner_->size()) && run_ + 1 < owner_->runs_.size()) ++run_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const const_iterator& o) const { return k_ == o.k_; }

   private:
    const PendingProjects* owner_ = nullptr;
    std::size_t k_ = 0;
    std::size_t run_ = 0;
  };
  [[nodiscard]] const_iterator begin() const { return {this, 0, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, size(), runs_.size()}; }
  // Calls `activate(project)` for every project whose first year of return is `year` or earlier,
  // in order, and keeps the others in their order (one pass in place).
  template <class F>
  void activate(int year, F&& activate) {
    std::size_t kept = 0;
    Runs<YearAndTerms> kept_runs;
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      const auto& run = runs_.at(r);
      const std::size_t end = runs_.end(r, size());
      if (run.key.year > year) {
        kept_runs.add(kept, run.key);  // joins the run before if the projects between activated
        for (std::size_t k = run.begin; k < end; ++k, ++kept) {
          if (kept != k) move(k, kept);
        }
      } else {
        for (std::size_t k = run.begin; k < end; ++k) activate(project(k, r));
      }
    }
    truncate(kept);
    runs_ = std::move(kept_runs);
  }

 private:
  // What a run of projects shares: the first year of return and terms_[terms].
  struct YearAndTerms {
    std::int16_t year;
    std::uint16_t terms;
    bool operator==(const YearAndTerms&) const = default;
  };
  // Project k of run `run`.
  [[nodiscard]] PendingProject project(std::size_t k, std::size_t run) const {
    const YearAndTerms& r = runs_.at(run).key;
    const Terms& t = terms_[r.terms];
    return {household_[k], r.year, return_[k], t.depreciation, t.industry, t.source};
  }
  // The most room kept for n projects: a quarter more, and 64.
  static std::size_t room_for(std::size_t n) { return n + n / 4 + 64; }
  void move(std::size_t from, std::size_t to);
  // Keeps the first n projects (the runs are the caller's to set); gives back room beyond a
  // quarter more than n.
  void truncate(std::size_t n);
  void reserve(std::size_t n);

  std::vector<double> return_;  // yuan per person per year once active
  HouseholdColumn household_;
  Runs<YearAndTerms> runs_;
  std::vector<Terms> terms_;  // distinct terms, in order of first use
};

// An income project whose return declines or follows a market price, kept individually (plain
// projects are summed into Households::returns or LpState::split_return instead).
struct ActiveProject {
  std::uint32_t household;
  double return_per_capita;
  float depreciation;
  std::int16_t industry;
};

// A county's individually kept projects in activation order, as a structure of arrays: 10 bytes a
// project (the return and the household) instead of a padded 24-byte ActiveProject. Terms are the
// same few values for every project of a programme, and a year's activations come programme by
// programme, so the terms are kept once per run of consecutive projects that share them (8 bytes
// a run; the national scenario has one run per county, for 88,000 projects each) rather than as
// an index per project. A county of at most 65,536 households names each household by its offset
// from the county's first in 2 bytes (4 bytes otherwise, and for a list made without a county's
// households).
class ActiveProjects {
 public:
  struct Terms {
    float depreciation;
    std::int16_t industry;
    bool operator==(const Terms&) const = default;
  };

  // Projects of any households, each named in 4 bytes.
  ActiveProjects() = default;
  // Projects of the households of `households` only (push_back refuses any other).
  explicit ActiveProjects(Range households);

  [[nodiscard]] std::size_t size() const { return return_per_capita_.size(); }
  [[nodiscard]] bool empty() const { return return_per_capita_.empty(); }
  // Room for `more` projects beyond those held, exactly (no doubling slack: the list only grows,
  // by the projects each year activates).
  void reserve_more(std::size_t more);
  void push_back(const ActiveProject& p);
  // Project k (finds its run: for tests and checks, not for a loop over the list).
  [[nodiscard]] ActiveProject operator[](std::size_t k) const;
  // Calls f(index, first): project k's household is first + index[k], whichever width the list
  // keeps them in (a vector of 16- or of 32-bit values).
  template <class F>
  void with_households(F&& f) const {
    household_.visit(std::forward<F>(f));
  }
  // Bytes that name each project's household: 2 or 4.
  [[nodiscard]] std::size_t household_bytes() const { return household_.bytes(); }
  // The columns, for the yearly update (project k's return is returns()[k]).
  [[nodiscard]] std::vector<double>& returns() { return return_per_capita_; }
  [[nodiscard]] const std::vector<Terms>& terms() const { return terms_; }
  // Calls f(begin, end, t) for each run of consecutive projects begin..end−1 whose terms are
  // terms()[t], in order; the runs cover the list.
  template <class F>
  void for_each_run(F&& f) const {
    for (std::size_t r = 0; r < runs_.size(); ++r)
      f(std::size_t{runs_.at(r).begin}, runs_.end(r, size()), runs_.at(r).key);
  }
  [[nodiscard]] std::size_t run_count() const { return runs_.size(); }
  // Projects the columns have room for without growing.
  [[nodiscard]] std::size_t capacity() const;

 private:
  HouseholdColumn household_;
  std::vector<double> return_per_capita_;
  Runs<std::uint16_t> runs_;  // the index into terms_ of each run of projects
  std::vector<Terms> terms_;  // distinct terms, in order of first use
};

// Counters of one logical process for the current year, for the county assessment (entries,
// re-entries and exits of each household are its HouseholdEvent bits).
struct LpYearCounters {
  std::int64_t registered_at_start = 0;
  std::int64_t exits = 0;
};

// Units one programme's money bought in one logical process this year (households each).
struct UnitsBuilt {
  std::int64_t houses_renovated = 0;
  std::int64_t households_relocated = 0;
  std::int64_t labourers_trained = 0;
  std::int64_t households_insured = 0;
  std::int64_t schooling_guaranteed = 0;
  std::int64_t captured_fen =
      0;  // money of the programme that capture moved to better-off households
};

struct LpState {
  sim::Journal journal;
  PendingProjects pending;
  ActiveProjects active;
  // The summed yearly return of plain projects of the households that also have an individually
  // kept project (in `active`), in ascending household order, where it is not +0.0 (a household
  // of `active` that has none here has no plain projects: the national scenario's projects are all
  // kept, so this list stays empty instead of holding a zero for 20 million households); for a
  // household without kept projects it is Households::returns (models/world/world.hpp).
  std::vector<HouseholdAmount> split_return;
  // Yearly remittance of the labourers placed in eastern jobs, in ascending household order, for
  // the households of the county that have one (few: a household store would be zero for most).
  std::vector<HouseholdAmount> away_remittance;
  LpYearCounters counters;
  std::vector<UnitsBuilt> units;  // per programme (index), this year; read and reset at year end
  // This year's units of programme `programme`, the slot made on first use.
  UnitsBuilt& units_of(std::size_t programme) {
    if (units.size() <= programme) units.resize(programme + 1);
    return units[programme];
  }
};

// What a local event of county `index` may write: the households of `households` (and the
// villages of the county) in `world`, and the county's own state `lp`.
struct CountyView {
  std::size_t index;
  Range households;
  World& world;
  LpState& lp;
};

}  // namespace fupin::models
