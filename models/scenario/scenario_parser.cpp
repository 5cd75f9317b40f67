// The scenario schema's semantics: types, ranges and cross-checks of every top-level section.
#include "models/scenario/scenario_parser.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/funding_network.hpp"
#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;

std::string trim_end(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.pop_back();
  return s;
}

void parse_period(const Located& period, Scenario& s) {
  period.check_keys(mapping_schema("period"));
  const Located start = period.child("start");
  const Located end = period.child("end");
  s.start_year = checks::calendar_year(start);
  s.end_year = checks::calendar_year(end);
  if (s.end_year < s.start_year) {
    end.fail("the period ends (" + std::to_string(s.end_year) + ") before it starts (" +
             std::to_string(s.start_year) + ")");
  }
}

bool is_year_key(const Located& key) {
  const std::string& k = key.node().Scalar();
  return !k.empty() && k.find_first_not_of("0123456789") == std::string::npos;
}

// Either a table year -> yuan covering exactly the period (any integer key makes it a table), or
// {base, base_year, growth}.
PovertyLine parse_poverty_line(const Located& pl, const Scenario& s) {
  PovertyLine line;
  const auto entries = pl.entries();
  bool table = false;
  for (const auto& [key, value] : entries) table = table || is_year_key(key);

  if (!table) {
    const MappingSchema& schema = mapping_schema("poverty_line");
    pl.check_keys(schema);
    const double base = checks::yuan(pl.child("base"), true);
    const int base_year = checks::calendar_year(pl.child("base_year"));
    const Located growth_node = pl.child("growth");
    const double growth = checks::growth(growth_node);
    // Evaluated at every year of the period: each line must be at least one fen and at most
    // kMaxYuan (a growth far from the base year can give infinity or 0).
    for (int year = s.start_year; year <= s.end_year; ++year) {
      const double z = base * std::pow(1 + growth, year - base_year);
      if (!(z >= 0.01) || !(z <= checks::kMaxYuan)) {
        growth_node.fail("the poverty line " + std::to_string(base_year) + " base " +
                         checks::number_text(base) + " grown by " + growth_node.scalar() +
                         " a year is " + checks::number_text(z) + " yuan in " +
                         std::to_string(year) +
                         "; every year's line must be at least 0.01 and at most " +
                         checks::number_text(checks::kMaxYuan) + " yuan");
      }
      line.by_year[year] = z;
    }
    return line;
  }

  for (const auto& [key, value] : entries) {
    if (!is_year_key(key)) {
      key.fail_plain(
          "unknown key '" + key.node().Scalar() +
          "' in poverty_line: give either a table of years or 'base', 'base_year' and 'growth'");
    }
    const int year = key.as_int();
    if (year < s.start_year || year > s.end_year) {
      key.fail("poverty-line year " + std::to_string(year) + " is outside the period " +
               checks::period_text(s));
    }
    if (line.by_year.count(year) != 0)
      key.fail("poverty-line year " + std::to_string(year) + " is given twice");
    line.by_year[year] = checks::yuan(value, true);
  }
  for (int year = s.start_year; year <= s.end_year; ++year) {
    if (line.by_year.count(year) == 0) {
      pl.fail("no poverty line for " + std::to_string(year) + "; every year of the period " +
              checks::period_text(s) + " needs one");
    }
  }
  return line;
}

std::vector<double> parse_thresholds(const Located& list) {
  std::vector<double> out;
  for (const Located& t : list.elements()) {
    const double x = checks::positive(t);
    if (!out.empty() && x <= out.back()) {
      t.fail("thresholds must be in increasing order; " + t.scalar() + " follows " +
             checks::number_text(out.back()));
    }
    out.push_back(x);
  }
  return out;
}

// `households: all | none | [years]`, `replicates: N`.
OutputSpec parse_output(const Located& o, const Scenario& s) {
  o.check_keys(mapping_schema("output"));
  OutputSpec out;
  if (const auto r = o.find("replicates")) out.replicates = checks::in_range(*r, 1, kMaxReplicates);
  const auto h = o.find("households");
  if (!h) return out;
  if (h->node().IsScalar()) {
    const std::string word = h->as_string();
    if (word == "all") {
      for (int y = s.start_year; y <= s.end_year; ++y) out.household_years.push_back(y);
    } else if (word != "none") {
      h->fail("households must be all, none or a list of years of the period " +
              checks::period_text(s) + "; got '" + word + "'");
    }
    return out;
  }
  for (const Located& y : h->elements()) {
    const int year = checks::year_in_period(y, s, "a household panel year");
    if (!out.household_years.empty() && year <= out.household_years.back()) {
      y.fail("household panel years must be in increasing order; " + std::to_string(year) +
             " follows " + std::to_string(out.household_years.back()));
    }
    out.household_years.push_back(year);
  }
  return out;
}

// `geography.provinces`: each province's name, county prefix and number of counties, in order.
std::vector<ProvinceSpec> parse_provinces(const Located& list) {
  std::vector<ProvinceSpec> out;
  std::vector<int> lines;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one province");
  long long counties = 0;
  for (const Located& p : elements) {
    p.check_keys(mapping_schema("geography.provinces[]"));
    ProvinceSpec spec;
    const Located name = p.child("name");
    spec.name = name.as_string();
    if (spec.name.empty()) name.fail("a province name must not be empty");
    const Located prefix = p.child("prefix");
    spec.prefix = checks::identifier(prefix, "prefix");
    if (std::isdigit(static_cast<unsigned char>(spec.prefix.back()))) {
      prefix.fail("prefix '" + spec.prefix + "' must not end in a digit: its counties are '" +
                  spec.prefix + "01', '" + spec.prefix + "02', ...");
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].name == spec.name) {
        name.fail("duplicate province '" + spec.name + "' (first given at line " +
                  std::to_string(lines[i]) + ")");
      }
      if (out[i].prefix == spec.prefix) {
        prefix.fail("prefix '" + spec.prefix + "' is already the prefix of province '" +
                    out[i].name + "'");
      }
    }
    spec.counties = checks::at_least(p.child("counties"), 1);
    counties += spec.counties;
    if (counties > std::numeric_limits<int>::max()) {
      p.child("counties")
          .fail("the provinces have more than " + std::to_string(std::numeric_limits<int>::max()) +
                " counties in all");
    }
    lines.push_back(name.mark().line + 1);
    out.push_back(std::move(spec));
  }
  return out;
}

// The geography: `counties` (with `county_prefix`) or `provinces`, and the sizes below a county.
GeographySpec parse_geography(const Located& g) {
  g.check_keys(mapping_schema("geography"));
  GeographySpec spec;
  const auto counties = g.find("counties");
  const auto provinces = g.find("provinces");
  if (counties && provinces) {
    provinces->fail("give either 'counties' or 'provinces' (which count the counties), not both");
  }
  if (!counties && !provinces)
    g.fail("give the number of 'counties' or the 'provinces' with theirs");
  if (provinces) {
    if (auto prefix = g.find("county_prefix")) {
      prefix->fail(
          "'county_prefix' is only for a geography without provinces; each province has its "
          "'prefix'");
    }
    spec.provinces = parse_provinces(*provinces);
    spec.counties = 0;
    for (const ProvinceSpec& p : spec.provinces) spec.counties += p.counties;
  } else {
    spec.counties = checks::at_least(*counties, 1);
  }
  spec.townships_per_county = checks::at_least(g.child("townships_per_county"), 1);
  spec.villages_per_township = checks::at_least(g.child("villages_per_township"), 1);
  spec.households_per_village = checks::at_least(g.child("households_per_village"), 1);
  if (auto prefix = g.find("county_prefix"))
    spec.county_prefix = checks::identifier(*prefix, "county_prefix");
  const long long households = static_cast<long long>(spec.counties) * spec.townships_per_county *
                               spec.villages_per_township * spec.households_per_village;
  if (households > std::numeric_limits<int>::max()) {
    g.fail("the geography has " + std::to_string(households) + " households; at most " +
           std::to_string(std::numeric_limits<int>::max()) + " are supported");
  }
  return spec;
}

IncomeSpec parse_income(const Located& in) {
  in.check_keys(mapping_schema("population.income"));
  IncomeSpec spec;
  spec.median = checks::yuan(in.child("median"), true);
  const auto gini = in.find("gini");
  const auto sigma = in.find("sigma");
  if (gini && sigma) sigma->fail("give either 'gini' or 'sigma', not both");
  if (!gini && !sigma) in.fail("give the income spread as 'gini' or 'sigma'");
  if (gini) {
    const double g = gini->as_number();
    if (!(g > 0 && g < 1))
      gini->fail("the Gini coefficient must be strictly between 0 and 1, got " + gini->scalar());
    spec.sigma = lognormal_sigma_from_gini(g);
  } else {
    spec.sigma = checks::positive(*sigma);
  }
  return spec;
}

PopulationSpec parse_population(const Located& p) {
  p.check_keys(mapping_schema("population"));
  PopulationSpec spec;
  if (auto income = p.find("income")) spec.income = parse_income(*income);
  if (auto re = p.find("region_effects")) {
    re->check_keys(mapping_schema("population.region_effects"));
    if (auto v = re->find("county_sd")) spec.region_effects.county_sd = checks::non_negative(*v);
    if (auto v = re->find("township_sd"))
      spec.region_effects.township_sd = checks::non_negative(*v);
    if (auto v = re->find("village_sd")) spec.region_effects.village_sd = checks::non_negative(*v);
  }
  if (auto hs = p.find("household_size")) {
    hs->check_keys(mapping_schema("population.household_size"));
    const auto minimum = hs->find("minimum");
    const auto extra = hs->find("extra_trials");
    if (minimum)
      spec.household_size.minimum = checks::in_range(*minimum, 1, checks::kMaxHouseholdSize);
    if (extra)
      spec.household_size.extra_trials = checks::in_range(*extra, 0, checks::kMaxHouseholdSize - 1);
    const int largest = spec.household_size.minimum + spec.household_size.extra_trials;
    if (largest > checks::kMaxHouseholdSize) {
      (extra ? *extra : *minimum)
          .fail("households could have " + std::to_string(largest) + " people (minimum " +
                std::to_string(spec.household_size.minimum) + " + extra_trials " +
                std::to_string(spec.household_size.extra_trials) + "); at most " +
                std::to_string(checks::kMaxHouseholdSize) + " are supported");
    }
    if (auto v = hs->find("extra_probability"))
      spec.household_size.extra_probability = checks::probability(*v);
  }
  if (auto v = p.find("labour_probability")) spec.labour_probability = checks::probability(*v);
  if (auto v = p.find("ethnic_minority_share"))
    spec.ethnic_minority_share = checks::probability(*v);
  if (auto v = p.find("border_share")) spec.border_share = checks::probability(*v);
  if (auto v = p.find("old_revolutionary_base_share"))
    spec.old_revolutionary_base_share = checks::probability(*v);
  if (auto v = p.find("safe_housing_share")) spec.safe_housing_share = checks::fraction(*v);
  if (auto v = p.find("insurance_share")) spec.insurance_share = checks::fraction(*v);
  if (auto v = p.find("schooling_share")) spec.schooling_share = checks::fraction(*v);
  if (auto cs = p.find("cause_shares")) {
    std::vector<std::string> valid;
    for (const auto& k : mapping_schema("population.cause_shares").keys) valid.push_back(k.name);
    double sum = 0;
    for (const auto& [key, value] : cs->entries()) {
      const Cause cause = *cause_from_name(checks::one_of(key, valid, "cause"));
      for (const auto& [seen, share] : spec.cause_shares) {
        if (seen == cause) key.fail("cause '" + key.node().Scalar() + "' is given twice");
      }
      const double share = checks::fraction(value);
      spec.cause_shares.emplace_back(cause, share);
      sum += share;
    }
    if (!spec.cause_shares.empty() && std::abs(sum - 1) > 1e-9) {
      cs->fail("cause shares sum to " + checks::number_text(sum) + ", not 1");
    }
  }
  return spec;
}

DynamicsSpec parse_dynamics(const Located& d) {
  d.check_keys(mapping_schema("dynamics"));
  DynamicsSpec spec;
  if (auto v = d.find("growth")) spec.growth = checks::growth(*v);
  if (auto v = d.find("noise_sd"))
    spec.noise_sd = checks::in_range_number(*v, 0, checks::kMaxNoiseSd);
  if (auto v = d.find("illness_probability")) spec.illness_probability = checks::probability(*v);
  if (auto v = d.find("illness_income_loss")) spec.illness_income_loss = checks::fraction(*v);
  return spec;
}

// Shares of the money arriving at a level kept for administration; only levels where the
// programme's money rests (funding_network.hpp) may keep any.
std::map<Level, double> parse_admin_cost(const Located& a, const ProgrammeSpec& spec) {
  a.check_keys(mapping_schema("programmes[].admin_cost"));
  std::vector<Level> held = levels_holding_money(spec);
  // Revolving capital (a mutual-aid fund's) rests in the village for members to borrow;
  // administration is paid from the members' fees, not kept from the capital.
  if (kind_info(spec).revolving_capital) held.clear();
  std::string held_text;
  for (Level l : held) held_text += (held_text.empty() ? "" : ", ") + std::string(level_name(l));
  std::map<Level, double> out;
  for (const auto& [key, value] : a.entries()) {
    const Level level = *level_from_name(key.node().Scalar());
    if (std::find(held.begin(), held.end(), level) == held.end()) {
      key.fail("the money of this " + spec.kind() + " never rests at " + level_name(level) +
               (held.empty() ? std::string(" (it rests at no level)")
                             : " (it rests at " + held_text + ")") +
               ", so nothing can be kept there for administration");
    }
    const double share = value.as_number();
    if (share < 0 || share >= 1) {
      value.fail(
          "an administration share must be at least 0 and below 1 (1 would keep all the money), "
          "got " +
          value.scalar());
    }
    out[level] = share;
  }
  return out;
}

std::vector<ProgrammeSpec> parse_programmes(const Located& list, const Scenario& s) {
  std::vector<std::string> kinds;
  for (std::string_view k : programme_kinds()) kinds.emplace_back(k);
  std::vector<ProgrammeSpec> out;
  std::vector<int> name_lines;
  for (const Located& p : list.elements()) {
    p.expect_mapping();
    if (!p.has("kind")) {
      // Without a kind, accept any kind's keys so that a misspelt 'kind' is reported as such.
      MappingSchema all = mapping_schema("programmes[]");
      for (const std::string& k : kinds) {
        for (const KeySpec& key : mapping_schema("programmes[]", k).keys) all.keys.push_back(key);
      }
      p.check_keys(all);  // reports the unknown key or the missing 'kind'
    }
    ProgrammeSpec spec;
    const ProgrammeKindInfo& kind =
        *find_programme_kind(checks::one_of(p.child("kind"), kinds, "programme kind"));
    p.check_keys(mapping_schema("programmes[]"), &mapping_schema("programmes[]", kind.name));
    const Located name = p.child("name");
    spec.name = checks::identifier(name, "programme name");
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].name == spec.name) {
        name.fail("duplicate programme name '" + spec.name + "' (first given at line " +
                  std::to_string(name_lines[i]) + ")");
      }
    }
    spec.stream = checks::identifier(p.child("stream"), "stream");
    if (auto idle = p.find("idle_money")) {
      spec.idle = *idle_money_from_name(checks::one_of(
          *idle, std::vector<std::string>(idle_money_names().begin(), idle_money_names().end()),
          "idle_money value"));
    }
    spec.params = kind.parse(p, s);
    if (spec.params.type() != kind.params_type) {
      throw std::logic_error("the parser of programme kind '" + kind.name +
                             "' returns parameters of another type");
    }
    if (auto idle = p.find("idle_money")) {
      // Money can sit idle at year end only where it rests in a region account or a channel's
      // pool; loans, mutual-aid capital and helper units' money never do.
      const bool can_idle =
          kind.idles_in_pool || (!kind.revolving_capital && !levels_holding_money(spec).empty());
      if (!can_idle) {
        idle->fail("idle_money does not apply: the money of this " + kind.name +
                   " never sits idle at year end (it rests at no region level)");
      }
    }
    if (auto admin = p.find("admin_cost")) spec.admin_cost = parse_admin_cost(*admin, spec);
    name_lines.push_back(name.mark().line + 1);
    out.push_back(std::move(spec));
  }
  check_funding_network(list, out);
  return out;
}

}  // namespace

double lognormal_sigma_from_gini(double gini) {
  // Phi^-1(p) = sqrt(2) erf^-1(2p - 1), so sqrt(2) Phi^-1((G + 1) / 2) = 2 erf^-1(G).
  return 2 * boost::math::erf_inv(gini);
}

Scenario parse_scenario(const Located& root) {
  root.check_keys(mapping_schema(""));
  Scenario s;
  s.name = root.child("name").as_string();
  if (auto d = root.find("description")) s.description = trim_end(d->as_string());
  parse_period(root.child("period"), s);
  if (auto seed = root.find("seed")) s.seed = seed->as_uint64();
  s.poverty_line = parse_poverty_line(root.child("poverty_line"), s);
  if (auto t = root.find("thresholds")) s.thresholds = parse_thresholds(*t);
  s.geography = parse_geography(root.child("geography"));
  if (auto p = root.find("population")) s.population = parse_population(*p);
  if (auto d = root.find("dynamics")) s.dynamics = parse_dynamics(*d);
  // Before the programmes: a project's industry names a market of `shocks`.
  if (auto sh = root.find("shocks")) s.shocks = parse_shocks(*sh);
  if (auto m = root.find("management")) {
    s.management = parse_management(*m);
    // The guarantee tops every person up to the line at most, every year: the largest total
    // (every household of the largest size, the whole period) must fit in the ledger.
    if (auto line = m->find("dibao_line")) {
      const long double people =
          static_cast<long double>(s.geography.counties) * s.geography.townships_per_county *
          s.geography.villages_per_township * s.geography.households_per_village *
          (s.population.household_size.minimum + s.population.household_size.extra_trials);
      parts::check_money_total(
          *line, static_cast<long double>(s.management.dibao_line) * 100.0L * people * s.years(),
          "the minimum living guarantee of every person for " + std::to_string(s.years()) +
              " years");
    }
  }
  if (auto i = root.find("interventions")) s.interventions = parse_interventions(*i);
  if (auto p = root.find("programmes")) s.programmes = parse_programmes(*p, s);
  if (auto o = root.find("output")) s.output = parse_output(*o, s);
  if (auto c = root.find("counterfactual"))
    s.counterfactual = checks::identifier(*c, "counterfactual");
  // After the programmes: a target may name one.
  if (auto t = root.find("targets")) s.targets = parse_targets(*t, s);
  return s;
}

}  // namespace fupin::models
