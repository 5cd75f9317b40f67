#include "app/memory_estimate.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "models/simulation/household_stores.hpp"

namespace fupin::app {

namespace {

// Fitted to the peak resident set of `fupin run --threads 2` (release build, 2026-11-27) at two or
// three sizes of each scenario (`--set geography.households_per_village=`), so that each term is
// the slope it stands for, not a whole peak divided by one count. Per household: 92-96 bytes for
// R1 (10 thousand, 1 M and 4 M households), 112 for Yunnan (every process on, five variants,
// more money a household and so more projects: 105 thousand, 1.05 M and 4.2 M), 115 for the
// national scenario between 0.5 M and 5.1 M households and 96 between 5.1 M and 38.4 M (the
// yearly sort in parts): the world's stores, the sort's observations, the projects held, the
// population kept for a later variant. 128 covers the highest with a margin. What the national
// scenario's scaled copy takes beyond its households (about 440 MB, two variants of 140,608
// regions and 8 years, one programme) sets the regions' terms: about 100 bytes a region and year
// for the summary's series and for each programme's in each variant (the results kept for the
// run file, the region sums, the accounts), and the villages', townships' and counties' stores.
// The estimate is then 1.26 to 1.65 times the measured peaks of those runs (2.1 for R1 at 10
// thousand households, where the 64 MB base dominates); tests/app/check_memory_estimate.py holds
// it between 1 and 2 times on the shipped scenarios. A world leaves out the stores its scenario
// cannot write (models::household_stores): their bytes are taken off the 128.
constexpr std::uint64_t kPerHousehold = 128;
constexpr std::uint64_t kPerHouseholdProgramme = 8;  // money received and the year it last came
constexpr std::uint64_t kPerVillage = 1'000;
constexpr std::uint64_t kPerTownship = 1'000;
constexpr std::uint64_t kPerCounty = 8'000;
constexpr std::uint64_t kPerProvince =
    1'000;  // its name and prefix, and its name on each of its counties' rows
constexpr std::uint64_t kPerCountyProgramme =
    2'000;                                     // accounts and streams of a programme in a county
constexpr std::uint64_t kPerRegionYear = 100;  // per variant, summary and each programme
constexpr std::uint64_t kBase = 64ULL << 20;   // the program, libraries, HDF5, thread stacks

// a × b saturating at UINT64_MAX (geographies are bounded, but the estimate must never wrap).
std::uint64_t times(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}
std::uint64_t plus(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}

// Bytes a household of the stores a world built for `v` leaves out (models::household_stores).
std::uint64_t left_out_bytes(const models::Scenario& v) {
  const models::HouseholdStores held = models::household_stores(v);
  const auto if_left_out = [](bool held_store, std::uint64_t bytes) {
    return held_store ? 0 : bytes;
  };
  return if_left_out(held.wages, sizeof(double)) + if_left_out(held.remittances, sizeof(double)) +
         if_left_out(held.transfers, sizeof(double)) +
         if_left_out(held.insured_until, sizeof(std::int16_t)) +
         if_left_out(held.covered, sizeof(std::uint16_t));
}

// Resident memory of this process now (the scenario text, the parsed variants).
std::uint64_t resident_now() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
}

}  // namespace

MemoryEstimate estimate_memory(const models::ScenarioSet& set) {
  MemoryEstimate out;
  std::uint64_t world = 0;
  std::uint64_t results = 0;
  for (const models::Scenario& v : set.variants) {
    const auto& g = v.geography;
    const std::uint64_t counties = static_cast<std::uint64_t>(g.counties);
    const std::uint64_t townships =
        times(counties, static_cast<std::uint64_t>(g.townships_per_county));
    const std::uint64_t villages =
        times(townships, static_cast<std::uint64_t>(g.villages_per_township));
    const std::uint64_t households =
        times(villages, static_cast<std::uint64_t>(g.households_per_village));
    const std::uint64_t programmes = v.programmes.size();
    std::uint64_t w = times(households, plus(kPerHousehold - left_out_bytes(v),
                                             times(programmes, kPerHouseholdProgramme)));
    w = plus(w, times(villages, kPerVillage));
    w = plus(w, times(townships, kPerTownship));
    w = plus(w, times(counties, plus(kPerCounty, times(programmes, kPerCountyProgramme))));
    w = plus(w, times(g.provinces.size(), kPerProvince));
    world = std::max(world, w);
    out.households = std::max(out.households, households);
    const std::uint64_t regions = plus(plus(counties, townships), villages);
    const auto years = static_cast<std::uint64_t>(std::max(v.years(), 1));
    results =
        plus(results, times(times(regions, years), times(kPerRegionYear, plus(programmes, 1))));
  }
  out.bytes = plus(plus(kBase, world), results);
  return out;
}

MemoryLimit memory_limit() {
  MemoryLimit out;
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) {
    out.bytes = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
    out.what = "the machine's physical memory";
  }
  struct rlimit as {};
  if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    const std::uint64_t used = resident_now();
    const std::uint64_t limit = as.rlim_cur > used ? as.rlim_cur - used : 0;
    if (out.bytes == 0 || limit < out.bytes) {
      out.bytes = limit;
      out.what = "the address-space limit (ulimit -v)";
    }
  }
  return out;
}

std::size_t runs_that_fit(std::uint64_t per_run, std::uint64_t limit, std::size_t wanted) {
  if (limit == 0 || per_run == 0) return wanted;
  return static_cast<std::size_t>(std::min<std::uint64_t>(wanted, limit / per_run));
}

std::string bytes_text(std::uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e12) return fmt::format("{:.1f} TB", b / 1e12);
  if (b >= 1e9) return fmt::format("{:.1f} GB", b / 1e9);
  return fmt::format("{:.0f} MB", std::max(1.0, b / 1e6));
}

}  // namespace fupin::app
