// The household panel of a run file (household_panel.hpp, docs/output.md).
#include "output/household_panel.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include "output/run_file_layout.hpp"

namespace fupin::output::detail {
namespace {

constexpr const char* kOne = "1";
constexpr const char* kIndex = "index";
constexpr const char* kYear = "year";
constexpr const char* kFen = "fen";
constexpr const char* kIncome = "yuan/person/year";

enum class Type { real, byte, fen };

// The panel's series in the order of their datasets: [year, household], received_fen [year,
// household, programme].
struct Series {
  const char* name;
  Type type;
  const char* units;
  const char* description;
};
constexpr std::size_t kSeriesCount = 13;
constexpr std::size_t kReceived = 12;
const std::array<Series, kSeriesCount> kSeries{{
    {"income", Type::real, kIncome,
     "per-capita net income = earned + returns + wages + remittances + transfers - costs"},
    {"earned", Type::real, kIncome,
     "earned income that persists and grows (the only part that compounds)"},
    {"returns", Type::real, kIncome, "this year's returns of active projects"},
    {"wages", Type::real, kIncome, "this year's wages of local jobs held"},
    {"remittances", Type::real, kIncome, "this year's remittances of labourers working away"},
    {"transfers", Type::real, kIncome, "this year's transfers (minimum living guarantee)"},
    {"costs", Type::real, kIncome,
     "this year's costs (medical, interest, fees, disaster and moving losses)"},
    {"size", Type::byte, "people", "household members"},
    {"flags", Type::byte, kOne,
     "bits: 1 registered poor, 2 exited at least once, 4 local job, 8 migrant, 16 borrower, 32 "
     "eastern job"},
    {"status", Type::byte, kOne,
     "bits: 1 safe housing, 2 insured, 4 schooling guaranteed, 8 disabled member, 16 relocated, 32 "
     "trained"},
    {"events", Type::byte, kOne,
     "this year's bits: 1 newly registered, 2 registered again after an exit, 4 exited, 8 house "
     "renovated, "
     "16 labourer trained, 32 relocated, 64 schooling guaranteed, 128 insurance premiums paid"},
    {"cause", Type::byte, kOne, nullptr},  // the description of the cause scale
    {"received_fen", Type::fen, kFen,
     "money each programme allocated to the household (projects, units and earmarked savings), "
     "cumulative to the "
     "end of the year (exact)"},
}};

// The year's row of each series, as bytes.
std::array<std::span<const std::byte>, kSeriesCount> rows(const models::HouseholdYear& y) {
  const auto b = [](auto span) { return std::as_bytes(span); };
  return {b(y.income),    b(y.earned), b(y.returns),     b(y.wages), b(y.remittances),
          b(y.transfers), b(y.costs),  b(y.size),        b(y.flags), b(y.status),
          b(y.events),    b(y.cause),  b(y.received_fen)};
}

std::size_t element_size(Type t) {
  return t == Type::real ? sizeof(double) : t == Type::byte ? 1 : sizeof(std::int64_t);
}

}  // namespace

void PanelDatasets::add_year(Hdf5Writer& w, const models::HouseholdYear& year) {
  const std::string where = "variant '" + std::string(year.variant) + "' household panel";
  if (series_.empty()) {
    w.check_name(std::string(year.variant), "variant name");
    variant_ = year.variant;
    years_.assign(year.years.begin(), year.years.end());
    households_ = year.households;
    programmes_ = year.programmes;
    if (year.village.size() != households_) w.invalid(where + " is misaligned");
    village_.assign(year.village.begin(), year.village.end());
    const std::string path = "/variants/" + variant_ + "/households/";
    for (const Series& s : kSeries) {
      std::vector<hsize_t> dims{years_.size(), households_};
      if (s.type == Type::fen) dims.push_back(programmes_);
      switch (s.type) {
        case Type::real: series_.push_back(w.row_dataset<double>(path + s.name, dims)); break;
        case Type::byte: series_.push_back(w.row_dataset<std::uint8_t>(path + s.name, dims)); break;
        case Type::fen: series_.push_back(w.row_dataset<std::int64_t>(path + s.name, dims)); break;
      }
    }
  }
  const std::size_t row = series_.front().rows_written;
  if (year.variant != variant_ || year.households != households_ ||
      year.programmes != programmes_ || row >= years_.size() || year.year != years_[row]) {
    w.invalid(where + ": year " + std::to_string(year.year) + " does not follow the panel's years");
  }
  const auto data = rows(year);
  for (std::size_t i = 0; i < kSeriesCount; ++i) {
    const std::size_t values = i == kReceived ? households_ * programmes_ : households_;
    if (data[i].size() != values * element_size(kSeries[i].type))
      w.invalid(where + " is misaligned");
  }
  for (std::size_t i = 0; i < kSeriesCount; ++i) w.write_row(series_[i], data[i].data());
}

void PanelDatasets::link(Hdf5Writer& w, const Node& variant_node,
                         const models::VariantResult& variant) {
  const std::string where = "variant '" + variant.name + "' household panel";
  if (variant.name != variant_ || series_.front().rows_written != years_.size() ||
      variant.programmes.size() > programmes_) {
    w.invalid(where + " is incomplete or misaligned");
  }
  Node group = w.group(variant_node, "households");
  w.attr_string(group, "description",
                "the state of every household at the end of each panel year (output.households)");
  std::vector<std::int32_t> year_values(years_.begin(), years_.end());
  Node year = w.dataset(group, "year", year_values, kYear, "calendar year (end of year)");
  w.make_scale(year, "year");
  Node household =
      w.index_scale(group, "household", households_, "household index (position in the run)");
  Node programme =
      w.index_scale(group, "programme", programmes_, "index of the programme, in scenario order");
  std::vector<std::string> programme_names;
  for (const auto& s : variant.programmes) programme_names.push_back(s.name);
  programme_names.resize(programmes_, "");
  w.attach(w.string_dataset(group, "programme_name", programme_names, "programme name"), programme,
           0);
  w.attach(w.dataset(group, "village", village_, kIndex,
                     "index of the household's village in /geography/village"),
           household, 0);
  for (std::size_t i = 0; i < kSeriesCount; ++i) {
    const Series& s = kSeries[i];
    Node ds =
        w.link(std::move(series_[i]), group, s.name, s.units,
               s.description != nullptr ? std::string(s.description) : cause_scale_description());
    w.attach(ds, year, 0);
    w.attach(ds, household, 1);
    if (i == kReceived) w.attach(ds, programme, 2);
  }
  *this = PanelDatasets();
}

void write_collected_households(Hdf5Writer& w, const Node& variant_node,
                                const models::VariantResult& variant) {
  const models::HouseholdPanel& p = variant.households;
  if (p.years.empty()) return;
  const std::size_t years = p.years.size();
  const std::size_t h = p.households;
  const std::size_t cells = years * h;
  const std::string where = "variant '" + variant.name + "' household panel";
  for (const auto* v :
       {&p.income, &p.earned, &p.returns, &p.wages, &p.remittances, &p.transfers, &p.costs}) {
    if (v->size() != cells) w.invalid(where + " is misaligned");
  }
  for (const auto* v : {&p.size, &p.flags, &p.status, &p.events, &p.cause}) {
    if (v->size() != cells) w.invalid(where + " is misaligned");
  }
  if (p.village.size() != h || p.received_fen.size() != cells * p.programmes ||
      variant.programmes.size() > p.programmes) {
    w.invalid(where + " is misaligned");
  }
  PanelDatasets panel;
  for (std::size_t y = 0; y < years; ++y) {
    const auto row = [&](const auto& v, std::size_t width = 1) {
      return std::span(v.data() + y * h * width, h * width);
    };
    panel.add_year(
        w, models::HouseholdYear{variant.name, p.years[y], p.years, h, p.programmes, p.village,
                                 row(p.income), row(p.earned), row(p.returns), row(p.wages),
                                 row(p.remittances), row(p.transfers), row(p.costs), row(p.size),
                                 row(p.flags), row(p.status), row(p.events), row(p.cause),
                                 row(p.received_fen, p.programmes)});
  }
  panel.link(w, variant_node, variant);
}

}  // namespace fupin::output::detail
