#include "models/state/county_state.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace fupin::models {
namespace {

// The structure of arrays gives back every project as it was added, in activation order, with
// its own depreciation and industry, however many projects share terms.
TEST(ActiveProjects, KeepEveryProjectInOrderWithItsOwnTerms) {
  const std::vector<ActiveProject> added{
      {7, 120.5, 0.05F, 0}, {3, 80.25, 0.0F, 1}, {7, 10.0, 0.05F, 0},
      {9, 1.0, 0.1F, -1},   {3, 99.0, 0.05F, 1}, {2, 5.0, 0.0F, 1},
  };
  ActiveProjects active;
  EXPECT_TRUE(active.empty());
  for (const ActiveProject& p : added) active.push_back(p);
  ASSERT_EQ(active.size(), added.size());
  for (std::size_t k = 0; k < added.size(); ++k) {
    const ActiveProject got = active[k];
    EXPECT_EQ(got.household, added[k].household) << k;
    EXPECT_EQ(got.return_per_capita, added[k].return_per_capita) << k;
    EXPECT_EQ(got.depreciation, added[k].depreciation) << k;
    EXPECT_EQ(got.industry, added[k].industry) << k;
  }
  // Four distinct (depreciation, industry) pairs, kept once each in order of first use.
  ASSERT_EQ(active.terms().size(), 4U);
  EXPECT_EQ(active.terms()[0], (ActiveProjects::Terms{0.05F, 0}));
  EXPECT_EQ(active.terms()[1], (ActiveProjects::Terms{0.0F, 1}));
  EXPECT_EQ(active.terms()[2], (ActiveProjects::Terms{0.1F, -1}));
  EXPECT_EQ(active.terms()[3], (ActiveProjects::Terms{0.05F, 1}));
  // Every project is in one run, with its own terms; here each run is one project.
  std::vector<std::uint16_t> terms_of(added.size(), 99);
  std::size_t next = 0;
  active.for_each_run([&](std::size_t begin, std::size_t end, std::uint16_t t) {
    EXPECT_EQ(begin, next);
    for (std::size_t k = begin; k < end; ++k) terms_of[k] = t;
    next = end;
  });
  EXPECT_EQ(next, added.size());
  EXPECT_EQ(terms_of, (std::vector<std::uint16_t>{0, 1, 0, 2, 3, 1}));
  EXPECT_EQ(active.run_count(), 6U);
  EXPECT_THROW((void)active[added.size()], std::out_of_range);
}

// Consecutive projects with the same terms share one run: the terms take no bytes per project.
// The runs give each project its terms, as operator[] does.
TEST(ActiveProjects, ConsecutiveProjectsWithTheSameTermsShareARun) {
  ActiveProjects active;
  for (std::uint32_t i = 0; i < 1000; ++i) active.push_back({i, 1.0, 0.05F, -1});
  EXPECT_EQ(active.run_count(), 1U);
  for (std::uint32_t i = 0; i < 10; ++i) active.push_back({i, 2.0, 0.05F, 3});
  for (std::uint32_t i = 0; i < 5; ++i) active.push_back({i, 3.0, 0.05F, -1});
  ASSERT_EQ(active.run_count(), 3U);
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  active.for_each_run([&](std::size_t begin, std::size_t end, std::uint16_t t) {
    runs.emplace_back(begin, end);
    for (std::size_t k = begin; k < end; ++k) {
      EXPECT_EQ(active[k].industry, active.terms()[t].industry) << k;
      EXPECT_EQ(active[k].return_per_capita, k < 1000 ? 1.0 : k < 1010 ? 2.0 : 3.0) << k;
    }
  });
  EXPECT_EQ(runs, (std::vector<std::pair<std::size_t, std::size_t>>{
                      {0, 1000}, {1000, 1010}, {1010, 1015}}));
  EXPECT_EQ(active.terms().size(), 2U);  // the third run's terms are the first's again
}

// Reserving exactly the year's activations makes room for them without doubling the list.
TEST(ActiveProjects, ReserveMoreMakesRoomForExactlyThatMany) {
  ActiveProjects active;
  for (std::uint32_t i = 0; i < 1000; ++i) active.push_back({i, 1.0, 0.05F, -1});
  active.reserve_more(100);
  const double* before = active.returns().data();
  for (std::uint32_t i = 0; i < 100; ++i) active.push_back({i, 2.0, 0.05F, -1});
  EXPECT_EQ(active.returns().data(), before);  // no reallocation
  EXPECT_EQ(active.returns().capacity(), 1100U);
  EXPECT_EQ(active.capacity(), 1100U);
}

// A county's list names its households in 2 bytes when the county has at most 65,536 of them, in 4
// otherwise, and gives back the same households either way; it refuses a household of another
// county.
TEST(ActiveProjects, ACountysListNamesItsHouseholdsInTwoBytesWhereTheyFit) {
  for (const Range county : {Range{70000, 70000 + 65536}, Range{70000, 70000 + 65537},
                             Range{4000000000U, 4000000000U + 3}}) {
    ActiveProjects active(county);
    EXPECT_EQ(active.household_bytes(), county.size() <= 65536 ? 2U : 4U) << county.end;
    const std::vector<std::uint32_t> households{county.end - 1, county.begin, county.begin + 1,
                                                county.end - 1};
    for (std::uint32_t i : households) active.push_back({i, 1.5, 0.05F, 0});
    std::vector<std::uint32_t> seen;
    active.with_households([&](const auto& index, std::uint32_t first) {
      for (std::size_t k = 0; k < active.size(); ++k) seen.push_back(first + index[k]);
    });
    EXPECT_EQ(seen, households) << county.end;
    for (std::size_t k = 0; k < households.size(); ++k)
      EXPECT_EQ(active[k].household, households[k]) << county.end;
    if (active.household_bytes() == 2) {
      EXPECT_THROW(active.push_back({county.end, 1.0, 0.05F, 0}), std::logic_error);
      EXPECT_THROW(active.push_back({county.begin - 1, 1.0, 0.05F, 0}), std::logic_error);
      EXPECT_EQ(active.size(), households.size());
    }
  }
}

// Pending projects come back as they were funded, each with its own terms and source.
TEST(PendingProjects, KeepEveryProjectInOrderWithItsOwnTermsAndSource) {
  const std::vector<PendingProject> added{
      {7, 2016, 120.5, 0.05F, 0},
      {3, 2015, 400.0, 0.0F, -1, IncomeSource::job_wage},
      {7, 2017, 10.0, 0.05F, 0},
      {9, 2016, 77.0, 0.0F, -1, IncomeSource::away_remittance},
      {2, 2300, 5.0},
  };
  PendingProjects pending;
  for (const PendingProject& p : added) pending.push_back(p);
  ASSERT_EQ(pending.size(), added.size());
  std::size_t k = 0;
  for (const PendingProject& got : pending) {
    const PendingProject& want = added[k];
    EXPECT_EQ(got.household, want.household) << k;
    EXPECT_EQ(got.first_return_year, want.first_return_year) << k;
    EXPECT_EQ(got.return_per_capita, want.return_per_capita) << k;
    EXPECT_EQ(got.depreciation, want.depreciation) << k;
    EXPECT_EQ(got.industry, want.industry) << k;
    EXPECT_EQ(got.source, want.source) << k;
    ++k;
  }
  EXPECT_EQ(k, added.size());
  EXPECT_THROW(pending.push_back({1, 40000, 1.0}), std::out_of_range);
  EXPECT_EQ(pending.size(), added.size());
}

// Activation hands over the matured projects in funding order and keeps the rest in theirs.
TEST(PendingProjects, ActivateHandsOverTheMaturedInOrderAndKeepsTheRestInOrder) {
  PendingProjects pending;
  for (std::uint32_t i = 0; i < 10; ++i) {
    pending.push_back({i, 2015 + static_cast<int>(i % 3), static_cast<double>(i)});
  }
  std::vector<std::uint32_t> activated;
  pending.activate(2016, [&](const PendingProject& p) {
    EXPECT_LE(p.first_return_year, 2016);
    activated.push_back(p.household);
  });
  EXPECT_EQ(activated, (std::vector<std::uint32_t>{0, 1, 3, 4, 6, 7, 9}));
  std::vector<std::uint32_t> kept;
  for (const PendingProject& p : pending) kept.push_back(p.household);
  EXPECT_EQ(kept, (std::vector<std::uint32_t>{2, 5, 8}));
  pending.clear();
  EXPECT_TRUE(pending.empty());
}

// Consecutive projects with the same first year and terms share one run; activation keeps the runs
// of the projects it keeps, joining those that become neighbours, and every project comes back
// with its own year and terms, by iteration and by index.
TEST(PendingProjects, ConsecutiveProjectsOfOneYearAndTermsShareARun) {
  PendingProjects pending(Range{0, 1000});
  for (std::uint32_t i = 0; i < 100; ++i) pending.push_back({i, 2016, 1.0, 0.05F, 0});
  EXPECT_EQ(pending.run_count(), 1U);
  for (std::uint32_t i = 100; i < 150; ++i) pending.push_back({i, 2017, 2.0, 0.05F, 0});
  for (std::uint32_t i = 150; i < 250; ++i) pending.push_back({i, 2016, 3.0, 0.05F, 0});
  for (std::uint32_t i = 250; i < 260; ++i) pending.push_back({i, 2017, 4.0, 0.0F, -1});
  for (std::uint32_t i = 260; i < 270; ++i) pending.push_back({i, 2017, 5.0, 0.05F, 0});
  ASSERT_EQ(pending.run_count(), 5U);
  const auto check = [&](const char* when) {
    std::size_t k = 0;
    for (const PendingProject& p : pending) {
      const PendingProject by_index = pending[k];
      EXPECT_EQ(p.household, by_index.household) << when << " " << k;
      EXPECT_EQ(p.first_return_year, by_index.first_return_year) << when << " " << k;
      const bool plain = p.household >= 250 && p.household < 260;
      EXPECT_EQ(p.depreciation, plain ? 0.0F : 0.05F) << when << " " << k;
      EXPECT_EQ(p.industry, plain ? -1 : 0) << when << " " << k;
      EXPECT_EQ(p.first_return_year,
                p.household < 100 || (p.household >= 150 && p.household < 250) ? 2016 : 2017)
          << when << " " << k;
      ++k;
    }
    EXPECT_EQ(k, pending.size()) << when;
  };
  check("funded");
  std::vector<std::uint32_t> activated;
  pending.activate(2016, [&](const PendingProject& p) {
    EXPECT_EQ(p.first_return_year, 2016);
    activated.push_back(p.household);
  });
  ASSERT_EQ(activated.size(), 200U);
  for (std::size_t k = 0; k < activated.size(); ++k)
    EXPECT_EQ(activated[k], k < 100 ? k : k + 50) << k;
  // Left: 100..149 (2017, terms A), 250..259 (2017, plain), 260..269 (2017, terms A).
  EXPECT_EQ(pending.size(), 70U);
  EXPECT_EQ(pending.run_count(), 3U);
  check("after activation");
  pending.push_back({270, 2017, 6.0, 0.05F, 0});  // joins the last run
  EXPECT_EQ(pending.run_count(), 3U);
  pending.activate(2017, [](const PendingProject&) {});
  EXPECT_TRUE(pending.empty());
  EXPECT_EQ(pending.run_count(), 0U);
  EXPECT_THROW((void)pending[0], std::out_of_range);
}

// The pending list grows by a quarter at a time and gives back, after activation, what is unused
// beyond a quarter: its room never exceeds its projects by more than a quarter (and 64), where
// doubling left up to half of it unused.
TEST(PendingProjects, RoomStaysWithinAQuarterOfTheProjects) {
  PendingProjects pending(Range{0, 50000});
  const auto bound = [](std::size_t n) { return n + n / 4 + 64; };
  for (std::uint32_t i = 0; i < 20000; ++i) {
    pending.push_back({i, 2016 + static_cast<int>(i % 10 == 0), 1.0});
    ASSERT_LE(pending.capacity(), bound(pending.size())) << i;
  }
  std::size_t activated = 0;
  pending.activate(2016, [&](const PendingProject&) { ++activated; });
  EXPECT_EQ(activated, 18000U);
  EXPECT_EQ(pending.size(), 2000U);
  EXPECT_LE(pending.capacity(), bound(2000));
  for (std::size_t k = 0; k < pending.size(); ++k) {
    EXPECT_EQ(pending[k].household, 10 * k) << k;
    EXPECT_EQ(pending[k].first_return_year, 2017) << k;
  }
}

// A county's pending list names its households in 2 bytes when the county has at most 65,536 of
// them, in 4 otherwise; either way the projects come back as funded and activate in order, and a
// household of another county is refused.
TEST(PendingProjects, ACountysListNamesItsHouseholdsInTwoBytesWhereTheyFit) {
  for (const Range county : {Range{70000, 70000 + 65536}, Range{70000, 70000 + 65537}}) {
    PendingProjects pending(county);
    EXPECT_EQ(pending.household_bytes(), county.size() <= 65536 ? 2U : 4U) << county.end;
    const std::vector<PendingProject> added{
        {county.end - 1, 2016, 120.5, 0.05F, 0},
        {county.begin, 2015, 400.0, 0.0F, -1, IncomeSource::job_wage},
        {county.begin + 7, 2017, 10.0, 0.05F, 0},
        {county.end - 1, 2015, 77.0, 0.0F, -1, IncomeSource::away_remittance},
    };
    for (const PendingProject& p : added) pending.push_back(p);
    for (std::size_t k = 0; k < added.size(); ++k) {
      EXPECT_EQ(pending[k].household, added[k].household) << k;
      EXPECT_EQ(pending[k].first_return_year, added[k].first_return_year) << k;
      EXPECT_EQ(pending[k].return_per_capita, added[k].return_per_capita) << k;
      EXPECT_EQ(pending[k].source, added[k].source) << k;
    }
    if (pending.household_bytes() == 2) {
      EXPECT_THROW(pending.push_back({county.end, 2016, 1.0}), std::logic_error);
      EXPECT_THROW(pending.push_back({county.begin - 1, 2016, 1.0}), std::logic_error);
    }
    std::vector<std::uint32_t> activated;
    pending.activate(2015, [&](const PendingProject& p) { activated.push_back(p.household); });
    EXPECT_EQ(activated, (std::vector<std::uint32_t>{county.begin, county.end - 1}));
    ASSERT_EQ(pending.size(), 2U);
    EXPECT_EQ(pending[0].household, county.end - 1);
    EXPECT_EQ(pending[0].first_return_year, 2016);
    EXPECT_EQ(pending[1].household, county.begin + 7);
    EXPECT_EQ(pending[1].return_per_capita, 10.0);
  }
}

}  // namespace
}  // namespace fupin::models
