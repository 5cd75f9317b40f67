// Shared programme parts: disbursement date, project returns, amounts and counts by year, counties.
#include "models/scenario/programme_parts.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models::parts {

using yaml::Located;

void parse_disbursement(const Located& d, int& month, int& day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  d.check_keys(mapping_schema("programmes[].disbursement"));
  if (auto m = d.find("month")) {
    month = m->as_int();
    if (month < 1 || month > 12) m->fail("month must be between 1 and 12, got " + m->scalar());
  }
  const auto index = static_cast<std::size_t>(month - 1);
  if (auto dn = d.find("day")) {
    day = dn->as_int();
    if (day < 1 || day > kDays[index]) {
      dn->fail("day " + dn->scalar() + " is not a day of " + kMonths[index] + " (1 to " +
               std::to_string(kDays[index]) + "; money is disbursed on this date every year)");
    }
  }
}

ProjectSpec parse_project(const Located& p, const Scenario& s) {
  p.check_keys(mapping_schema("programmes[].project"));
  ProjectSpec spec;
  if (auto v = p.find("type")) {
    const std::vector<std::string> types(project_type_names().begin(), project_type_names().end());
    spec.type = *project_type_from_name(checks::one_of(*v, types, "project type"));
  }
  if (auto v = p.find("return_rate"))
    spec.return_rate = checks::in_range_number(*v, 0, checks::kMaxReturnRate);
  if (auto v = p.find("lag_years")) spec.lag_years = checks::year_count(*v, 0);
  if (auto v = p.find("success_probability")) spec.success_probability = checks::probability(*v);
  if (auto v = p.find("depreciation")) {
    spec.depreciation = v->as_number();
    if (spec.depreciation < 0 || spec.depreciation >= 1) {
      v->fail(
          "depreciation must be at least 0 and below 1 (1 would end the returns after one year), "
          "got " +
          v->scalar());
    }
  }
  if (auto v = p.find("industry")) {
    std::vector<std::string> markets;
    for (const MarketSpec& m : s.shocks.markets) markets.push_back(m.name);
    if (markets.empty()) {
      v->fail("unknown industry '" + v->as_string() +
              "': there are no markets; an industry names one of shocks.markets, e.g. shocks: "
              "{markets: [{name: " +
              v->as_string() + ", price_sd: 0.15}]}");
    }
    spec.industry = checks::one_of(*v, markets, "industry");
  }
  return spec;
}

namespace {

// The year of a key of a year table, in the period and not seen before.
template <typename Table>
int year_key(const Located& key, const Scenario& s, const std::string& what, const Table& seen) {
  const std::string& text = key.node().Scalar();
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    key.fail("'" + text + "' is not a year; give " + what + "s by calendar year, e.g. " +
             std::to_string(s.start_year) + ": ...");
  }
  const int year = checks::year_in_period(key, s, what + " year");
  if (seen.count(year) != 0) key.fail(what + " year " + std::to_string(year) + " is given twice");
  return year;
}

}  // namespace

YearlyAmounts parse_yearly_amounts(const Located& m, const Scenario& s, const std::string& what) {
  YearlyAmounts out;
  const auto entries = m.entries();
  if (entries.empty())
    m.fail("give at least one year, e.g. " + std::to_string(s.start_year) + ": 1000000");
  std::int64_t total =
      0;  // fen; the programme's total over the period must fit, as `check` prints it
  for (const auto& [key, value] : entries) {
    const int year = year_key(key, s, what, out);
    out[year] = value.as_money();
    if (__builtin_add_overflow(total, out[year].fen(), &total)) {
      value.fail("the " + what + "s add up to more than " +
                 sim::Money::from_fen(std::numeric_limits<std::int64_t>::max()).str() +
                 " yuan, the largest total fupin can hold");
    }
  }
  return out;
}

std::map<int, int> parse_yearly_counts(const Located& m, const Scenario& s, const std::string& what,
                                       int maximum, const std::string& maximum_text) {
  std::map<int, int> out;
  const auto entries = m.entries();
  if (entries.empty())
    m.fail("give at least one year, e.g. " + std::to_string(s.start_year) + ": 100");
  for (const auto& [key, value] : entries) {
    const int year = year_key(key, s, what, out);
    const int count = checks::at_least(value, 0);
    if (count > maximum) {
      value.fail(std::to_string(count) + " " + what + "s in one year, but " + maximum_text + " " +
                 std::to_string(maximum));
    }
    out[year] = count;
  }
  return out;
}

std::string county_name(const GeographySpec& g, int c) { return g.county_name(c); }

long long county_number(const GeographySpec& g, const std::string& name) {
  return g.county_number(name);
}

std::vector<std::string> parse_counties(const Located& list, const Scenario& s) {
  const GeographySpec& g = s.geography;
  std::vector<std::string> out;
  std::set<long long> seen;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one county");
  for (const Located& e : elements) {
    std::string name = e.as_string();
    const long long c = county_number(g, name);
    if (c == 0) {
      e.fail("no county '" + name + "' in the geography; its counties are " + county_name(g, 1) +
             (g.counties > 1 ? " to " + county_name(g, g.counties) : std::string()));
    }
    if (!seen.insert(c).second) e.fail("county '" + name + "' is listed twice");
    out.push_back(std::move(name));
  }
  return out;
}

void check_money_total(const Located& at, long double total_fen, const std::string& what) {
  constexpr auto kLargest = static_cast<long double>(std::numeric_limits<std::int64_t>::max());
  if (!(total_fen <= kLargest)) {
    at.fail(what + " add up to more than " +
            sim::Money::from_fen(std::numeric_limits<std::int64_t>::max()).str() +
            " yuan, the largest total fupin can hold");
  }
}

long long village_count(const GeographySpec& g) {
  return static_cast<long long>(g.counties) * g.townships_per_county * g.villages_per_township;
}

long long household_count(const GeographySpec& g) {
  return village_count(g) * g.households_per_village;
}

std::vector<Tranche> parse_tranches(const Located& list, const Scenario& s,
                                    const std::vector<int>& cohort_years,
                                    const MappingSchema& schema, const std::string& what,
                                    long long units) {
  std::vector<Tranche> tranches;
  sim::Int128 total = 0;  // fen paid to every selected unit over the programme
  const sim::Int128 largest = std::numeric_limits<std::int64_t>::max();
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail(what + " needs at least one tranche");
  for (const Located& t : elements) {
    t.check_keys(schema);
    const Located year_node = t.child("programme_year");
    Tranche tranche;
    tranche.programme_year = checks::year_count(year_node, 1);
    for (const Tranche& seen : tranches) {
      if (seen.programme_year == tranche.programme_year) {
        year_node.fail("programme year " + std::to_string(tranche.programme_year) +
                       " has two tranches");
      }
    }
    for (const int cohort_year : cohort_years) {
      const int year = cohort_year + tranche.programme_year - 1;
      if (year > s.end_year) {
        year_node.fail("the tranche of programme year " + std::to_string(tranche.programme_year) +
                       " for the " + std::to_string(cohort_year) + " cohort falls in " +
                       std::to_string(year) + ", after the period ends in " +
                       std::to_string(s.end_year));
      }
    }
    const Located amount = t.child("amount");
    tranche.amount = amount.as_money();
    total += static_cast<sim::Int128>(tranche.amount.fen()) * units;
    if (total > largest) {
      amount.fail("the tranches paid to the " + std::to_string(units) +
                  " units the cohorts select add up to more than " +
                  sim::Money::from_fen(std::numeric_limits<std::int64_t>::max()).str() +
                  " yuan, the largest total fupin can hold");
    }
    tranches.push_back(tranche);
  }
  return tranches;
}

}  // namespace fupin::models::parts
