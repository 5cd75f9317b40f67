#include "sim/engine.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace fupin::sim {
namespace {

Date day(int n) { return Date::from_civil(2016, 1, 1) + n; }

TEST(Engine, LocalEventsRunInTimePrioritySequenceOrder) {
  Engine engine(1, 1);
  std::vector<std::string> log;
  auto rec = [&log](const std::string& s) { return [&log, s](LpContext&) { log.push_back(s); }; };
  engine.schedule_local(0, {day(2), 0}, rec("d2 p0 first"));
  engine.schedule_local(0, {day(1), 5}, rec("d1 p5"));
  engine.schedule_local(0, {day(2), -3}, rec("d2 p-3"));
  engine.schedule_local(0, {day(1), -1}, rec("d1 p-1"));
  engine.schedule_local(0, {day(2), 0}, rec("d2 p0 second"));
  engine.schedule_local(0, {day(0), 9}, rec("d0 p9"));
  engine.run_until(day(10));
  EXPECT_EQ(log, (std::vector<std::string>{"d0 p9", "d1 p-1", "d1 p5", "d2 p-3", "d2 p0 first",
                                           "d2 p0 second"}));
  EXPECT_EQ(engine.events_executed(), 6u);
  EXPECT_EQ(engine.now(), day(10));
}

TEST(Engine, LocalEventsSeeTheirOwnTimeAndLp) {
  Engine engine(3, 2);
  std::vector<std::vector<std::pair<std::size_t, Date>>> seen(3);
  for (std::size_t lp = 0; lp < 3; ++lp) {
    engine.schedule_local(lp, {day(static_cast<int>(lp)), 0}, [&seen](LpContext& ctx) {
      seen[ctx.lp()].emplace_back(ctx.lp(), ctx.now());
      // A chain of follow-ups, each a week later, while in January.
      if (ctx.now() + 7 <= day(30)) {
        ctx.schedule({ctx.now() + 7, 0},
                     [&seen](LpContext& c) { seen[c.lp()].emplace_back(c.lp(), c.now()); });
      }
    });
  }
  engine.run_until(day(60));
  for (std::size_t lp = 0; lp < 3; ++lp) {
    const int start = static_cast<int>(lp);
    EXPECT_EQ(seen[lp],
              (std::vector<std::pair<std::size_t, Date>>{{lp, day(start)}, {lp, day(start + 7)}}));
  }
}

TEST(Engine, GlobalEventsInterleaveWithLocalEvents) {
  Engine engine(1, 2);
  std::vector<std::string> log;
  auto local = [&log](const std::string& s) { return [&log, s](LpContext&) { log.push_back(s); }; };
  auto global = [&log](const std::string& s) {
    return [&log, s](Engine& e) { log.push_back(s + "@" + e.now().iso()); };
  };
  engine.schedule_local(0, {day(1), 0}, local("L d1"));
  engine.schedule_local(0, {day(3), -1}, local("L d3 p-1"));
  engine.schedule_local(0, {day(3), 0}, local("L d3 p0"));  // same key as the global: after it
  engine.schedule_local(0, {day(3), 1}, local("L d3 p1"));
  engine.schedule_local(0, {day(5), 0}, local("L d5"));
  engine.schedule_global({day(3), 0}, global("G d3"));
  engine.schedule_global({day(4), 0}, global("G d4"));
  engine.schedule_global({day(0), 0}, global("G d0"));
  engine.run_until(day(10));
  EXPECT_EQ(log, (std::vector<std::string>{"G d0@2016-01-01", "L d1", "L d3 p-1", "G d3@2016-01-04",
                                           "L d3 p0", "L d3 p1", "G d4@2016-01-05", "L d5"}));
  EXPECT_EQ(engine.events_executed(), 8u);
}

TEST(Engine, GlobalEventFansOutAndSchedulesLocalEvents) {
  constexpr std::size_t kLps = 16;
  Engine engine(kLps, 2);
  std::vector<std::int64_t> budget(kLps, 0);
  std::vector<std::int64_t> spent(kLps, 0);
  std::vector<Date> spent_on(kLps);
  engine.schedule_global({day(10), 0}, [&](Engine& e) {
    e.for_each_lp([&](std::size_t lp) { budget[lp] = 100 * static_cast<std::int64_t>(lp + 1); });
    for (std::size_t lp = 0; lp < kLps; ++lp) {
      e.schedule_local(lp, {e.now() + static_cast<int>(lp), 0}, [&](LpContext& ctx) {
        spent[ctx.lp()] = budget[ctx.lp()];
        spent_on[ctx.lp()] = ctx.now();
      });
    }
  });
  // A second global event schedules from inside the fan-out, each call on its own LP.
  std::vector<int> audited(kLps, 0);
  engine.schedule_global({day(50), 0}, [&](Engine& e) {
    e.for_each_lp([&](std::size_t lp) {
      e.schedule_local(lp, {e.now() + 1, 0}, [&](LpContext& ctx) { audited[ctx.lp()] += 1; });
    });
  });
  engine.run_until(day(100));
  for (std::size_t lp = 0; lp < kLps; ++lp) {
    EXPECT_EQ(spent[lp], 100 * static_cast<std::int64_t>(lp + 1));
    EXPECT_EQ(spent_on[lp], day(10 + static_cast<int>(lp)));
    EXPECT_EQ(audited[lp], 1);
  }
  EXPECT_EQ(engine.events_executed(), 2 + 2 * kLps);
}

TEST(Engine, RunUntilStopsAtEndAndResumes) {
  Engine engine(2, 2);
  int local_runs = 0;
  int global_runs = 0;
  engine.schedule_local(0, {day(5), 0}, [&](LpContext&) { ++local_runs; });
  engine.schedule_local(1, {day(15), 0}, [&](LpContext&) { ++local_runs; });
  engine.schedule_global({day(10), 0}, [&](Engine&) { ++global_runs; });
  engine.schedule_global({day(20), 0}, [&](Engine&) { ++global_runs; });
  engine.run_until(day(10));  // events at the end day run
  EXPECT_EQ(local_runs, 1);
  EXPECT_EQ(global_runs, 1);
  EXPECT_EQ(engine.now(), day(10));
  EXPECT_EQ(engine.events_executed(), 2u);
  engine.run_until(day(30));
  EXPECT_EQ(local_runs, 2);
  EXPECT_EQ(global_runs, 2);
  EXPECT_EQ(engine.events_executed(), 4u);
  EXPECT_EQ(engine.now(), day(30));
}

// A small model whose result depends on event order within each LP and on the global events
// seeing every LP at the right moment: each LP grows a floating-point state from its own random
// stream and reschedules itself at random intervals; a monthly global event reads all LPs
// (summing in LP order), records the total and redistributes a share to each LP.
struct Trace {
  std::vector<double> state;
  std::vector<double> totals;
  std::vector<std::vector<double>> lp_logs;
  std::uint64_t events = 0;
  bool operator==(const Trace&) const = default;
};

Trace run_model(unsigned threads) {
  constexpr std::size_t kLps = 48;
  Engine engine(kLps, threads);
  Trace t;
  t.state.assign(kLps, 1.0);
  t.lp_logs.resize(kLps);
  std::vector<std::uint64_t> draws(kLps, 0);
  const RandomSource rng(2016, "engine.test");

  std::function<void(LpContext&)> step = [&](LpContext& ctx) {
    const std::size_t lp = ctx.lp();
    RandomStream s = rng.stream(lp, draws[lp]++);
    t.state[lp] = t.state[lp] * (1.0 + 0.01 * s.normal()) + s.uniform();
    t.lp_logs[lp].push_back(t.state[lp]);
    const int gap = 1 + static_cast<int>(s.poisson(3.0));
    ctx.schedule({ctx.now() + gap, static_cast<int>(s.next_u64() % 3)}, step);
  };
  for (std::size_t lp = 0; lp < kLps; ++lp) engine.schedule_local(lp, {day(0), 0}, step);

  std::function<void(Engine&)> month = [&](Engine& e) {
    double total = 0.0;
    for (double x : t.state) total += x;  // fixed order
    t.totals.push_back(total);
    const double share = total / static_cast<double>(kLps) * 0.001;
    e.for_each_lp([&](std::size_t lp) {
      t.state[lp] += share;
      t.lp_logs[lp].push_back(-t.state[lp]);
    });
    e.schedule_global({e.now() + 30, 0}, month);
  };
  engine.schedule_global({day(15), 0}, month);
  engine.run_until(day(365));
  t.events = engine.events_executed();
  return t;
}

TEST(Engine, ResultsIdenticalForAnyThreadCount) {
  const Trace one = run_model(1);
  EXPECT_GT(one.events, 3000u);
  EXPECT_EQ(one.totals.size(), 12u);
  for (unsigned threads : {2u, 4u, 0u}) {
    const Trace other = run_model(threads);
    EXPECT_TRUE(other == one) << "threads " << threads;
  }
}

TEST(Engine, ExceptionInLocalEventPropagates) {
  Engine engine(32, 2);
  std::vector<int> ran(32, 0);
  for (std::size_t lp = 0; lp < 32; ++lp) {
    engine.schedule_local(lp, {day(1), 0}, [&ran, lp](LpContext&) {
      ran[lp] = 1;
      if (lp == 17) throw std::runtime_error("boom in LP 17");
    });
  }
  try {
    engine.run_until(day(5));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "boom in LP 17");
  }
  EXPECT_EQ(ran[17], 1);
  // The engine is usable again after the failure (no stuck parallel phase).
  EXPECT_NO_THROW(engine.schedule_global({day(6), 0}, [](Engine&) {}));
}

TEST(Engine, ExceptionInGlobalEventOrFanOutPropagates) {
  Engine engine(8, 2);
  engine.schedule_global({day(1), 0}, [](Engine&) { throw std::invalid_argument("global boom"); });
  EXPECT_THROW(engine.run_until(day(5)), std::invalid_argument);
  Engine fan(8, 2);
  fan.schedule_global({day(1), 0}, [](Engine& e) {
    e.for_each_lp([](std::size_t lp) {
      if (lp == 3) throw std::out_of_range("fan-out boom");
    });
  });
  EXPECT_THROW(fan.run_until(day(5)), std::out_of_range);
}

TEST(Engine, SchedulingIntoThePastIsACausalityError) {
  {  // from a local event
    Engine engine(2, 2);
    engine.schedule_local(1, {day(5), 0}, [](LpContext& ctx) {
      ctx.schedule({day(4), 0}, [](LpContext&) {});
    });
    EXPECT_THROW(engine.run_until(day(10)), std::logic_error);
  }
  {  // from a global event, locally and globally
    Engine engine(2, 1);
    engine.schedule_global({day(5), 0}, [](Engine& e) {
      e.schedule_local(0, {day(4), 0}, [](LpContext&) {});
    });
    EXPECT_THROW(engine.run_until(day(10)), std::logic_error);
    Engine engine2(2, 1);
    engine2.schedule_global({day(5), 0}, [](Engine& e) {
      e.schedule_global({day(4), 9}, [](Engine&) {});
    });
    EXPECT_THROW(engine2.run_until(day(10)), std::logic_error);
  }
  {  // after a run, before its end
    Engine engine(2, 1);
    engine.run_until(day(10));
    EXPECT_THROW(engine.schedule_local(0, {day(9), 0}, [](LpContext&) {}), std::logic_error);
    EXPECT_THROW(engine.schedule_global({day(9), 0}, [](Engine&) {}), std::logic_error);
    EXPECT_NO_THROW(engine.schedule_local(0, {day(10), 0}, [](LpContext&) {}));
  }
  {  // same time, any priority, is not the past
    Engine engine(1, 1);
    int ran = 0;
    engine.schedule_global({day(5), 3}, [&ran](Engine& e) {
      e.schedule_local(0, {day(5), -10}, [&ran](LpContext&) { ++ran; });
    });
    engine.run_until(day(5));
    EXPECT_EQ(ran, 1);
  }
}

TEST(Engine, SchedulingFromTheWrongPhaseIsRejected) {
  Engine engine(4, 2);
  engine.schedule_local(2, {day(1), 0}, [&engine](LpContext&) {
    engine.schedule_global({day(2), 0}, [](Engine&) {});
  });
  EXPECT_THROW(engine.run_until(day(3)), std::logic_error);
  EXPECT_THROW(engine.schedule_local(4, {day(5), 0}, [](LpContext&) {}), std::out_of_range);
}

TEST(Engine, ThreadCountZeroMeansAllCores) {
  Engine engine(1, 0);
  EXPECT_EQ(engine.threads(), static_cast<unsigned>(parallel::default_concurrency()));
  Engine three(5, 3);
  EXPECT_EQ(three.threads(), 3u);
  EXPECT_EQ(three.lp_count(), 5u);
}

}  // namespace
}  // namespace fupin::sim

namespace fupin::sim {
namespace {

TEST(Engine, InArenaRespectsTheThreadLimit) {
  Engine engine(3, 1);
  int concurrency = 0;
  engine.in_arena([&] { concurrency = parallel::max_concurrency(); });
  EXPECT_EQ(concurrency, 1);
  Engine two(3, 2);
  two.in_arena([&] { concurrency = parallel::max_concurrency(); });
  EXPECT_EQ(concurrency, 2);
}

TEST(Engine, ForEachLpBesideRunsEveryLpOnceAndTheWorkBesideOnce) {
  for (unsigned threads : {1U, 2U, 4U}) {
    Engine engine(9, threads);
    std::vector<int> ran(9, 0);
    int beside = 0;
    engine.for_each_lp_beside([&] { ++beside; }, [&](std::size_t lp) { ++ran[lp]; });
    EXPECT_EQ(beside, 1) << threads;
    EXPECT_EQ(ran, std::vector<int>(9, 1)) << threads;
  }
  // With no LP, the work beside still runs.
  Engine none(0, 2);
  int beside = 0;
  none.for_each_lp_beside([&] { ++beside; }, [](std::size_t) {});
  EXPECT_EQ(beside, 1);
}

TEST(Engine, ForEachLpBesidePropagatesTheLpsExceptionBeforeTheWorkBesides) {
  for (unsigned threads : {1U, 2U}) {
    Engine engine(4, threads);
    // Only the work beside fails: its exception, after every LP ran.
    std::vector<int> ran(4, 0);
    EXPECT_THROW(engine.for_each_lp_beside([] { throw std::domain_error("beside"); },
                                           [&](std::size_t lp) { ++ran[lp]; }),
                 std::domain_error);
    EXPECT_EQ(ran, std::vector<int>(4, 1));
    // Both fail: the LP's exception, whichever finished first.
    EXPECT_THROW(engine.for_each_lp_beside([] { throw std::domain_error("beside"); },
                                           [](std::size_t lp) {
                                             if (lp == 2) throw std::out_of_range("lp");
                                           }),
                 std::out_of_range);
    // The engine is usable again after each failure.
    int beside = 0;
    engine.for_each_lp_beside([&] { ++beside; }, [](std::size_t) {});
    EXPECT_EQ(beside, 1);
  }
  Engine engine(2, 2);
  EXPECT_THROW(engine.for_each_lp(
                   [&](std::size_t) { engine.for_each_lp_beside([] {}, [](std::size_t) {}); }),
               std::logic_error);
}

TEST(Engine, InArenaIsRejectedWhileLpsRun) {
  Engine engine(2, 2);
  EXPECT_THROW(engine.for_each_lp([&](std::size_t) { engine.in_arena([] {}); }), std::logic_error);
}

}  // namespace
}  // namespace fupin::sim
