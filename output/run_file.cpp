// Writes a RunResult to one HDF5 file (layout in docs/output.md) through a temporary file that is
// renamed into place when complete.
#include "output/run_file.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "fupin/version.hpp"
#include "output/hdf5_handle.hpp"

namespace fupin::output {
namespace {

using detail::H5Handle;

// File (little-endian, fixed width) and memory types of the numbers written.
template <class T>
struct H5Types;
template <>
struct H5Types<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct H5Types<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct H5Types<std::uint8_t> {
  static hid_t file() { return H5T_STD_U8LE; }
  static hid_t memory() { return H5T_NATIVE_UINT8; }
};
template <>
struct H5Types<std::uint32_t> {
  static hid_t file() { return H5T_STD_U32LE; }
  static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct H5Types<std::uint64_t> {
  static hid_t file() { return H5T_STD_U64LE; }
  static hid_t memory() { return H5T_NATIVE_UINT64; }
};
template <>
struct H5Types<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

// Units used in the file (docs/output.md lists them).
constexpr const char* kNoUnits = "";  // strings
constexpr const char* kOne = "1";     // dimensionless ratios and 0/1 flags
constexpr const char* kIndex = "index";
constexpr const char* kYear = "year";
constexpr const char* kFen = "fen";
constexpr const char* kYuan = "yuan";
constexpr const char* kIncome = "yuan/person/year";
constexpr const char* kPeople = "people";
constexpr const char* kHouseholds = "households";
constexpr const char* kTownships = "townships";
// The in-memory file grows in steps of this many bytes.
constexpr std::size_t kCoreIncrement = std::size_t{4} << 20;

// Collects the calling thread's HDF5 error stack as text ("outermost; innermost (minor)") and
// clears it.
herr_t collect_error(unsigned /*n*/, const H5E_error2_t* err, void* data) {
  auto* entries = static_cast<std::vector<std::pair<std::string, hid_t>>*>(data);
  entries->emplace_back(err->desc != nullptr ? err->desc : "", err->min_num);
  return 0;
}

std::string hdf5_error_stack() {
  const hid_t stack = H5Eget_current_stack();  // copies and clears the default stack
  if (stack < 0) return {};
  std::vector<std::pair<std::string, hid_t>> entries;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, &collect_error, &entries);
  H5Eclose_stack(stack);
  if (entries.empty()) return {};
  std::string text = entries.front().first;
  const auto& inner = entries.back();
  if (entries.size() > 1 && !inner.first.empty() && inner.first != text) {
    text += text.empty() ? "" : "; ";
    text += inner.first;
  }
  char minor[256] = {};
  if (H5Eget_msg(inner.second, nullptr, minor, sizeof minor) > 0) {
    text += text.empty() ? "" : " ";
    text += "(";
    text += minor;
    text += ")";
  }
  return text;
}

std::string child_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

// An open group or dataset and its path in the file (for error messages).
struct Node {
  H5Handle handle;
  std::string path;
  [[nodiscard]] hid_t id() const { return handle.get(); }
};

// Writes the layout into one open file. Every failing HDF5 call throws OutputError naming the
// target path, the call and the object.
class RunFileWriter {
 public:
  RunFileWriter(const std::string& target, const std::string& temporary) : target_(target) {
    fcpl_ = detail::plist_handle(check_id(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", "file"));
    check(H5Pset_link_creation_order(fcpl_.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_link_creation_order", "file");
    check(H5Pset_obj_track_times(fcpl_.get(), false), "H5Pset_obj_track_times", "file");
    fapl_ = detail::plist_handle(check_id(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", "file access"));
    // Closing the file fails if an object in it is still open, instead of silently staying open.
    check(H5Pset_fclose_degree(fapl_.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree", "file");
    // The file is built in memory (the core driver, no backing store) and written to disk by
    // write_run_file itself: a disk that fills up fails a write(2) we handle, never an HDF5 close.
    // (HDF5 1.10 leaves a half-closed file behind when H5Fclose fails to flush, and its exit handler
    // then crashes on it.)
    check(H5Pset_fapl_core(fapl_.get(), kCoreIncrement, false), "H5Pset_fapl_core", "file access");
    gcpl_ = detail::plist_handle(check_id(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate", "group"));
    check(H5Pset_link_creation_order(gcpl_.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_link_creation_order", "group");
    check(H5Pset_obj_track_times(gcpl_.get(), false), "H5Pset_obj_track_times", "group");
    dcpl_ = detail::plist_handle(check_id(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", "dataset"));
    check(H5Pset_obj_track_times(dcpl_.get(), false), "H5Pset_obj_track_times", "dataset");
    string_type_ = detail::datatype_handle(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type"));
    check(H5Tset_size(string_type_.get(), H5T_VARIABLE), "H5Tset_size", "string type");
    check(H5Tset_cset(string_type_.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");

    file_ = detail::file_handle(check_id(
        H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, fcpl_.get(), fapl_.get()), "H5Fcreate",
        temporary));
    root_path_ = temporary;
  }

  void write(const models::RunResult& run, const std::function<bool()>& cancelled) {
    const auto stop_if_cancelled = [&] {
      if (cancelled && cancelled()) throw WriteCancelled("writing run file '" + target_ + "' cancelled");
    };
    Node root{detail::group_handle(check_id(H5Gopen2(file_.get(), "/", H5P_DEFAULT), "H5Gopen2",
                                            "/")),
              "/"};
    stop_if_cancelled();
    write_meta(root, run);
    stop_if_cancelled();
    write_geography(root, run);
    Node variants = group(root, "variants");
    attr_string(variants, "description", "one group per scenario variant, in scenario order");
    for (const auto& variant : run.variants) {
      stop_if_cancelled();
      write_variant(variants, run, variant);
    }
  }

  // The bytes of the file as it stands.
  std::vector<char> image() {
    check(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "H5Fflush", root_path_);
    const ssize_t size = H5Fget_file_image(file_.get(), nullptr, 0);
    if (size < 0) fail("H5Fget_file_image", root_path_);
    std::vector<char> bytes(static_cast<std::size_t>(size));
    if (H5Fget_file_image(file_.get(), bytes.data(), bytes.size()) != size) fail("H5Fget_file_image", root_path_);
    return bytes;
  }

  // Closes the (in-memory) file; fails if anything in it is still open.
  void close() { check(file_.close(), "H5Fclose", root_path_); }

 private:
  [[noreturn]] void fail(std::string_view call, std::string_view object) const {
    std::string message = "cannot write run file '" + target_ + "': " + std::string(call) + "(" +
                          std::string(object) + ") failed";
    const std::string stack = hdf5_error_stack();
    if (!stack.empty()) message += ": " + stack;
    throw OutputError(message);
  }
  [[noreturn]] void invalid(const std::string& what) const {
    throw OutputError("cannot write run file '" + target_ + "': " + what);
  }
  hid_t check_id(hid_t id, std::string_view call, std::string_view object) const {
    if (id < 0) fail(call, object);
    return id;
  }
  void check(herr_t status, std::string_view call, std::string_view object) const {
    if (status < 0) fail(call, object);
  }

  // Strings are stored as C strings, which cannot hold NUL.
  void check_string(const std::string& s, const std::string& what) const {
    if (s.find('\0') != std::string::npos) invalid(what + " contains a NUL character");
  }
  void check_name(const std::string& name, const std::string& what,
                  const char* object = "group") const {
    if (name.empty() || name == "." || name.find('/') != std::string::npos) {
      invalid(what + " '" + name + "' cannot be an HDF5 " + object +
              " name (empty, '.' or containing '/')");
    }
    check_string(name, what);
  }
  std::int32_t to_int32(std::size_t n, const std::string& what) const {
    if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      invalid(what + " has too many entries (" + std::to_string(n) + ")");
    }
    return static_cast<std::int32_t>(n);
  }

  Node group(const Node& parent, const std::string& name) {
    std::string path = child_path(parent.path, name);
    hid_t id = H5Gcreate2(parent.id(), name.c_str(), H5P_DEFAULT, gcpl_.get(), H5P_DEFAULT);
    return {detail::group_handle(check_id(id, "H5Gcreate2", path)), std::move(path)};
  }

  // ----- attributes -----
  void attr_string(const Node& object, const char* name, const std::string& value) {
    const std::string where = object.path + "@" + name;
    check_string(value, "attribute " + where);
    H5Handle space = detail::dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", where));
    H5Handle attr = detail::attribute_handle(check_id(
        H5Acreate2(object.id(), name, string_type_.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        "H5Acreate2", where));
    const char* text = value.c_str();
    check(H5Awrite(attr.get(), string_type_.get(), &text), "H5Awrite", where);
  }

  void attr_strings(const Node& object, const char* name, const std::vector<std::string>& values) {
    const std::string where = object.path + "@" + name;
    std::vector<const char*> texts;
    texts.reserve(values.size());
    for (const auto& v : values) {
      check_string(v, "attribute " + where);
      texts.push_back(v.c_str());
    }
    const hsize_t dims[1] = {values.size()};
    H5Handle space =
        detail::dataspace_handle(check_id(H5Screate_simple(1, dims, nullptr), "H5Screate_simple", where));
    H5Handle attr = detail::attribute_handle(check_id(
        H5Acreate2(object.id(), name, string_type_.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        "H5Acreate2", where));
    if (!texts.empty()) check(H5Awrite(attr.get(), string_type_.get(), texts.data()), "H5Awrite", where);
  }

  template <class T>
  void attr_scalar(const Node& object, const char* name, T value) {
    const std::string where = object.path + "@" + name;
    H5Handle space = detail::dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", where));
    H5Handle attr = detail::attribute_handle(check_id(
        H5Acreate2(object.id(), name, H5Types<T>::file(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        "H5Acreate2", where));
    check(H5Awrite(attr.get(), H5Types<T>::memory(), &value), "H5Awrite", where);
  }

  void describe(const Node& dataset, const char* units, const std::string& description) {
    attr_string(dataset, "units", units);
    attr_string(dataset, "description", description);
  }

  // ----- datasets -----
  template <class T>
  Node dataset(const Node& parent, const std::string& name, const std::vector<hsize_t>& dims,
               const T* data, const char* units, const std::string& description) {
    std::string path = child_path(parent.path, name);
    H5Handle space = detail::dataspace_handle(check_id(
        H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "H5Screate_simple",
        path));
    Node ds{detail::dataset_handle(check_id(H5Dcreate2(parent.id(), name.c_str(), H5Types<T>::file(),
                                                       space.get(), H5P_DEFAULT, dcpl_.get(),
                                                       H5P_DEFAULT),
                                            "H5Dcreate2", path)),
            path};
    hsize_t count = 1;
    for (hsize_t d : dims) count *= d;
    if (count > 0) {
      check(H5Dwrite(ds.id(), H5Types<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "H5Dwrite",
            path);
    }
    describe(ds, units, description);
    return ds;
  }

  template <class T>
  Node dataset(const Node& parent, const std::string& name, const std::vector<T>& values,
               const char* units, const std::string& description) {
    return dataset(parent, name, {values.size()}, values.data(), units, description);
  }

  Node string_dataset(const Node& parent, const std::string& name,
                      const std::vector<std::string>& values, const std::string& description) {
    std::string path = child_path(parent.path, name);
    std::vector<const char*> texts;
    texts.reserve(values.size());
    for (const auto& v : values) {
      check_string(v, "an entry of " + path);
      texts.push_back(v.c_str());
    }
    const hsize_t dims[1] = {values.size()};
    H5Handle space = detail::dataspace_handle(
        check_id(H5Screate_simple(1, dims, nullptr), "H5Screate_simple", path));
    Node ds{detail::dataset_handle(check_id(H5Dcreate2(parent.id(), name.c_str(), string_type_.get(),
                                                       space.get(), H5P_DEFAULT, dcpl_.get(),
                                                       H5P_DEFAULT),
                                            "H5Dcreate2", path)),
            path};
    if (!texts.empty()) {
      check(H5Dwrite(ds.id(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()),
            "H5Dwrite", path);
    }
    describe(ds, kNoUnits, description);
    return ds;
  }

  Node scalar_string_dataset(const Node& parent, const std::string& name, const std::string& value,
                             const std::string& description) {
    std::string path = child_path(parent.path, name);
    check_string(value, path);
    H5Handle space = detail::dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", path));
    Node ds{detail::dataset_handle(check_id(H5Dcreate2(parent.id(), name.c_str(), string_type_.get(),
                                                       space.get(), H5P_DEFAULT, dcpl_.get(),
                                                       H5P_DEFAULT),
                                            "H5Dcreate2", path)),
            path};
    const char* text = value.c_str();
    check(H5Dwrite(ds.id(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "H5Dwrite",
          path);
    describe(ds, kNoUnits, description);
    return ds;
  }

  // ----- dimension scales -----
  // Marks `ds` as the dimension scale named after its dataset (netCDF-4 / xarray convention: a
  // coordinate variable has the name of its dimension).
  void make_scale(const Node& ds, const std::string& dimension) {
    check(H5DSset_scale(ds.id(), dimension.c_str()), "H5DSset_scale", ds.path);
  }
  void attach(const Node& ds, const Node& scale, unsigned dim) {
    check(H5DSattach_scale(ds.id(), scale.id(), dim), "H5DSattach_scale",
          ds.path + " <- " + scale.path);
  }
  // An int32 scale 0..n-1 for a dimension that has no natural coordinate.
  Node index_scale(const Node& parent, const std::string& name, std::size_t n,
                   const std::string& description) {
    std::vector<std::int32_t> index(static_cast<std::size_t>(to_int32(n, child_path(parent.path, name))));
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = static_cast<std::int32_t>(i);
    Node scale = dataset(parent, name, index, kIndex, description);
    make_scale(scale, name);
    return scale;
  }

  // ----- layout -----
  void write_meta(const Node& root, const models::RunResult& run) {
    Node meta = group(root, "meta");
    attr_string(meta, "fupin_version", fupin::kVersion);
    attr_scalar<std::int32_t>(meta, "layout_version", kRunFileLayoutVersion);
    attr_string(meta, "created_by", "fupin");
    attr_string(meta, "scenario_name", run.scenario_name);
    attr_string(meta, "scenario_file", run.scenario_file);
    attr_scalar<std::uint64_t>(meta, "seed", run.seed);
    attr_scalar<std::uint32_t>(meta, "threads", run.threads);
    attr_scalar<std::int64_t>(meta, "households", run.households);
    attr_strings(meta, "warnings", run.warnings);
    scalar_string_dataset(meta, "scenario", run.scenario_text,
                          "the scenario file's text (YAML) as read for this run");
  }

  void write_geography(const Node& root, const models::RunResult& run) {
    Node geography = group(root, "geography");
    std::vector<std::string> levels;
    for (const auto& table : run.geography) levels.push_back(table.level);
    attr_strings(geography, "levels", levels);
    std::string parent_level;
    for (const auto& table : run.geography) {
      check_name(table.level, "geography level");
      if (table.level == "name" || table.level == "parent") {
        invalid("geography level cannot be called '" + table.level + "'");
      }
      if (table.parent.size() != table.names.size()) {
        invalid("geography level '" + table.level + "' has " + std::to_string(table.names.size()) +
                " names but " + std::to_string(table.parent.size()) + " parents");
      }
      Node level = group(geography, table.level);
      attr_string(level, "parent_level", parent_level);
      Node index = index_scale(level, table.level, table.names.size(),
                               "index of the " + table.level + " (position in this level)");
      Node names = string_dataset(level, "name", table.names, table.level + " name");
      attach(names, index, 0);
      Node parents = dataset(level, "parent", table.parent, kIndex,
                             parent_level.empty()
                                 ? "index of the parent region (-1: none, top level)"
                                 : "index of the parent in /geography/" + parent_level + " (-1: none)");
      attach(parents, index, 0);
      parent_level = table.level;
    }
  }

  void write_variant(const Node& variants, const models::RunResult& run,
                     const models::VariantResult& variant) {
    check_name(variant.name, "variant name");
    Node group_node = group(variants, variant.name);
    attr_string(group_node, "description", variant.description);
    attr_scalar<std::uint64_t>(group_node, "events", variant.events);
    write_summary(group_node, run, variant);

    Node township = index_scale(group_node, "township", variant.township_cohort.size(),
                                "index of the township, as in /geography/township");
    Node cohort = dataset(group_node, "township_cohort", variant.township_cohort, kYear,
                          "year in which the township was first selected for a package by any "
                          "programme (0: never selected)");
    attach(cohort, township, 0);

    write_ledger(group_node, variant);
    write_programmes(group_node, variant);
  }

  template <class T>
  static std::vector<T> column(const std::vector<models::YearSummary>& years,
                               T models::YearSummary::*member) {
    std::vector<T> values;
    values.reserve(years.size());
    for (const auto& y : years) values.push_back(y.*member);
    return values;
  }

  void write_summary(const Node& variant_node, const models::RunResult& run,
                     const models::VariantResult& variant) {
    const auto& years = variant.years;
    const std::size_t thresholds = run.thresholds.size();
    for (const auto& y : years) {
      if (y.share_above.size() != thresholds) {
        invalid("variant '" + variant.name + "' year " + std::to_string(y.year) + " has " +
                std::to_string(y.share_above.size()) + " share_above values but the run has " +
                std::to_string(thresholds) + " thresholds");
      }
    }
    Node summary = group(variant_node, "summary");
    attr_string(summary, "description", "yearly summary of the variant, one entry per year");

    std::vector<std::int32_t> year_values;
    year_values.reserve(years.size());
    for (const auto& y : years) year_values.push_back(static_cast<std::int32_t>(y.year));
    Node year = dataset(summary, "year", year_values, kYear, "calendar year");
    make_scale(year, "year");
    Node threshold = dataset(summary, "threshold", run.thresholds, kIncome,
                             "income thresholds of share_above");
    make_scale(threshold, "threshold");

    auto by_year = [&](const std::string& name, const auto& values, const char* units,
                       const std::string& description) {
      Node ds = dataset(summary, name, values, units, description);
      attach(ds, year, 0);
    };
    using Y = models::YearSummary;
    by_year("poverty_line", column(years, &Y::poverty_line), kIncome,
            "poverty line of the year, per-capita income");
    by_year("population", column(years, &Y::population), kPeople,
            "people (sum of household sizes)");
    by_year("households", column(years, &Y::households), kHouseholds, "households");
    by_year("poor_people", column(years, &Y::poor_people), kPeople,
            "people in households with per-capita income below the poverty line");
    by_year("poor_households", column(years, &Y::poor_households), kHouseholds,
            "households with per-capita income below the poverty line");
    by_year("headcount_ratio", column(years, &Y::headcount_ratio), kOne,
            "poor people / population, FGT(0)");
    by_year("fgt1", column(years, &Y::fgt1), kOne, "poverty gap index, FGT(1)");
    by_year("fgt2", column(years, &Y::fgt2), kOne, "squared poverty gap (severity), FGT(2)");
    by_year("mean_income", column(years, &Y::mean_income), kIncome,
            "mean per-capita income, person-weighted");
    by_year("median_income", column(years, &Y::median_income), kIncome,
            "median per-capita income, person-weighted, incomes bottom-coded at zero");
    by_year("gini", column(years, &Y::gini), kOne,
            "Gini coefficient of per-capita income, incomes bottom-coded at zero");
    // Income components: person-weighted means that sum to mean_income.
    using C = models::IncomeComponents;
    const std::pair<const char*, double C::*> components[] = {
        {"earned", &C::earned}, {"returns", &C::returns}, {"wages", &C::wages},
        {"remittances", &C::remittances}, {"transfers", &C::transfers}, {"costs", &C::costs}};
    static const char* const component_descriptions[] = {
        "mean earned income that persists and grows (the only component that compounds)",
        "mean of this year's returns of active projects (a recurring flow)",
        "mean of this year's wages of local jobs held (a recurring flow)",
        "mean of this year's remittances of labourers working away (a recurring flow)",
        "mean of this year's transfers, minimum living guarantee (a recurring flow)",
        "mean of this year's costs: medical, interest, fees, disaster and moving losses (one-off, "
        "subtracted)"};
    for (std::size_t k = 0; k < std::size(components); ++k) {
      std::vector<double> values;
      values.reserve(years.size());
      for (const auto& y : years) values.push_back(y.mean_components.*(components[k].second));
      by_year(std::string("mean_") + components[k].first, values, kIncome,
              std::string(component_descriptions[k]) + ", per person, person-weighted");
    }

    std::vector<double> share(years.size() * thresholds);
    for (std::size_t i = 0; i < years.size(); ++i) {
      for (std::size_t j = 0; j < thresholds; ++j) share[i * thresholds + j] = years[i].share_above[j];
    }
    Node share_above = dataset(summary, "share_above", {years.size(), thresholds}, share.data(), kOne,
                               "share of people with per-capita income >= threshold");
    attach(share_above, year, 0);
    attach(share_above, threshold, 1);

    by_year("registered_households", column(years, &Y::registered_households), kHouseholds,
            "registered poor households (建档立卡) at year end, after exits");
    by_year("newly_registered", column(years, &Y::newly_registered), kHouseholds,
            "households identified and registered this year");
    by_year("exits", column(years, &Y::exits), kHouseholds,
            "registered households exiting at the year-end review");
    by_year("returns", column(years, &Y::returns), kHouseholds,
            "households registered again after an earlier exit");
    by_year("townships_selected", column(years, &Y::townships_selected), kTownships,
            "townships selected for a package so far (cumulative, all programmes)");
    by_year("registered_not_poor", column(years, &Y::registered_not_poor), kHouseholds,
            "registered households with per-capita income at or above the line (inclusion)");
    by_year("poor_not_registered", column(years, &Y::poor_not_registered), kHouseholds,
            "households below the line that are not registered (exclusion)");
    by_year("safe_housing_share", column(years, &Y::safe_housing_share), kOne,
            "share of households in safe housing");
    by_year("insured_share", column(years, &Y::insured_share), kOne,
            "share of households with medical insurance");
    by_year("schooling_share", column(years, &Y::schooling_share), kOne,
            "share of households whose children's schooling is assured");
    by_year("counties_exited", column(years, &Y::counties_exited), "counties",
            "counties that have exited poverty (摘帽), cumulative");
    {
      std::size_t causes = 0;
      for (const auto& y : years) causes = std::max(causes, y.registered_by_cause.size());
      std::vector<std::int64_t> by_cause(years.size() * causes, 0);
      for (std::size_t i = 0; i < years.size(); ++i) {
        if (years[i].registered_by_cause.size() != causes) {
          invalid("variant '" + variant.name + "' year " + std::to_string(years[i].year) +
                  " has registered_by_cause of a different length");
        }
        for (std::size_t j = 0; j < causes; ++j) by_cause[i * causes + j] = years[i].registered_by_cause[j];
      }
      std::vector<std::int32_t> cause_index(causes);
      for (std::size_t j = 0; j < causes; ++j) cause_index[j] = static_cast<std::int32_t>(j);
      Node cause = dataset(summary, "cause", cause_index, "1",
                           "primary cause of poverty: 0 illness, 1 disability, 2 schooling, 3 disaster, "
                           "4 lack_of_land, 5 lack_of_water, 6 lack_of_skills, 7 lack_of_labour, "
                           "8 lack_of_capital, 9 remoteness, 10 other");
      make_scale(cause, "cause");
      Node registered = dataset(summary, "registered_by_cause", {years.size(), causes}, by_cause.data(), kHouseholds,
                                "registered households at year end by primary cause of poverty");
      attach(registered, year, 0);
      attach(registered, cause, 1);
    }

    auto money = [&](const std::string& name, sim::Money Y::*member, const std::string& description) {
      std::vector<std::int64_t> fen;
      std::vector<double> yuan;
      fen.reserve(years.size());
      yuan.reserve(years.size());
      for (const auto& y : years) {
        fen.push_back((y.*member).fen());
        yuan.push_back((y.*member).yuan());
      }
      by_year(name + "_fen", fen, kFen, description + " (exact)");
      by_year(name + "_yuan", yuan, kYuan, description + " (= " + name + "_fen / 100, rounded)");
    };
    money("disbursed", &Y::disbursed, "money issued from source accounts this year");
    money("spent", &Y::spent, "money that reached households as projects this year");
    money("idle", &Y::idle, "money held in region accounts at year end");
  }

  void write_ledger(const Node& variant_node, const models::VariantResult& variant) {
    const auto& ledger = variant.ledger;
    const std::string where = "variant '" + variant.name + "' ledger";
    const std::size_t accounts = ledger.accounts.size();
    if (ledger.balances.size() != ledger.years.size()) {
      invalid(where + " has " + std::to_string(ledger.balances.size()) + " balance rows for " +
              std::to_string(ledger.years.size()) + " years");
    }
    for (std::size_t i = 0; i < ledger.balances.size(); ++i) {
      if (ledger.balances[i].size() != accounts) {
        invalid(where + " year " + std::to_string(ledger.years[i]) + " has " +
                std::to_string(ledger.balances[i].size()) + " balances for " +
                std::to_string(accounts) + " accounts");
      }
    }
    const auto account_limit = to_int32(accounts, where + " accounts");
    const auto stream_limit = to_int32(ledger.streams.size(), where + " streams");
    for (std::size_t i = 0; i < ledger.flows.size(); ++i) {
      const auto& f = ledger.flows[i];
      if (f.from >= static_cast<sim::AccountId>(account_limit) ||
          f.to >= static_cast<sim::AccountId>(account_limit) ||
          f.stream >= static_cast<sim::StreamId>(stream_limit)) {
        invalid(where + " flow " + std::to_string(i) + " names an unknown account or stream");
      }
    }

    Node ledger_node = group(variant_node, "ledger");
    attr_string(ledger_node, "description",
                "double-entry money ledger: accounts, streams, flows by (year, stream, from, to) "
                "and closing balances");

    std::vector<std::int32_t> year_values(ledger.years.begin(), ledger.years.end());
    Node year = dataset(ledger_node, "year", year_values, kYear, "closed year");
    make_scale(year, "year");
    Node account = index_scale(ledger_node, "account", accounts,
                               "account index (position in accounts/)");
    Node stream = index_scale(ledger_node, "stream", ledger.streams.size(),
                              "stream index (position in streams)");

    Node streams = string_dataset(ledger_node, "streams", ledger.streams, "funding stream name");
    attach(streams, stream, 0);

    std::vector<std::int64_t> balances;
    balances.reserve(ledger.years.size() * accounts);
    for (const auto& row : ledger.balances) {
      for (const auto& m : row) balances.push_back(m.fen());
    }
    Node balances_node = dataset(ledger_node, "balances_fen", {ledger.years.size(), accounts},
                                 balances.data(), kFen, "closing balance of each account at year end");
    attach(balances_node, year, 0);
    attach(balances_node, account, 1);

    Node accounts_node = group(ledger_node, "accounts");
    attr_string(accounts_node, "description", "ledger accounts, one entry per account index");
    std::vector<std::string> names;
    std::vector<std::string> kinds;
    std::vector<std::uint8_t> is_source;
    names.reserve(accounts);
    kinds.reserve(accounts);
    is_source.reserve(accounts);
    for (const auto& a : ledger.accounts) {
      names.push_back(a.name);
      kinds.push_back(a.kind);
      is_source.push_back(a.is_source ? 1 : 0);
    }
    attach(string_dataset(accounts_node, "name", names, "account name (unique)"), account, 0);
    attach(string_dataset(accounts_node, "kind", kinds, "account kind, for grouping"), account, 0);
    attach(dataset(accounts_node, "is_source", is_source, kOne,
                   "1 if the account issues money (may go negative), else 0"),
           account, 0);

    Node flows_node = group(ledger_node, "flows");
    attr_string(flows_node, "description",
                "money moved from one account to another by one stream in one year, in (year, "
                "stream, from, to) order");
    const std::size_t n = ledger.flows.size();
    Node flow = index_scale(flows_node, "flow", n, "flow index");
    std::vector<std::int32_t> flow_year;
    std::vector<std::int32_t> flow_stream;
    std::vector<std::int32_t> flow_from;
    std::vector<std::int32_t> flow_to;
    std::vector<std::int64_t> flow_amount;
    flow_year.reserve(n);
    flow_stream.reserve(n);
    flow_from.reserve(n);
    flow_to.reserve(n);
    flow_amount.reserve(n);
    for (const auto& f : ledger.flows) {
      flow_year.push_back(static_cast<std::int32_t>(f.year));
      flow_stream.push_back(static_cast<std::int32_t>(f.stream));
      flow_from.push_back(static_cast<std::int32_t>(f.from));
      flow_to.push_back(static_cast<std::int32_t>(f.to));
      flow_amount.push_back(f.amount.fen());
    }
    attach(dataset(flows_node, "year", flow_year, kYear, "year of the flow"), flow, 0);
    attach(dataset(flows_node, "stream", flow_stream, kIndex, "index into ../streams"), flow, 0);
    attach(dataset(flows_node, "from", flow_from, kIndex, "paying account, index into ../accounts"),
           flow, 0);
    attach(dataset(flows_node, "to", flow_to, kIndex, "receiving account, index into ../accounts"),
           flow, 0);
    attach(dataset(flows_node, "amount_fen", flow_amount, kFen, "amount moved (exact)"), flow, 0);
  }

  // Everything that would make a programme's group unwritable or its series misaligned, checked
  // before any of the variant's programmes is written.
  void check_programmes(const models::VariantResult& variant) const {
    std::set<std::string> programme_names;
    for (const auto& p : variant.programmes) {
      check_name(p.name, "variant '" + variant.name + "' programme name");
      const std::string where = "variant '" + variant.name + "' programme '" + p.name + "'";
      if (!programme_names.insert(p.name).second) invalid(where + " appears more than once");
      check_string(p.kind, where + " kind");
      check_string(p.stream, where + " stream");
      const std::size_t years = p.years.size();
      std::set<std::string> datasets{"year"};
      auto series = [&](const std::string& name, std::size_t size, const char* what) {
        check_name(name, where + " " + what + " name", "dataset");
        if (size != years) {
          invalid(where + " " + what + " '" + name + "' has " + std::to_string(size) +
                  " values for " + std::to_string(years) + " years");
        }
      };
      auto unique = [&](const std::string& dataset, const std::string& name, const char* what) {
        if (!datasets.insert(dataset).second) {
          invalid(where + " has more than one dataset named '" + dataset + "' (" + what + " '" +
                  name + "'" + (dataset == "year" ? "; 'year' is the programme's year scale" : "") +
                  ")");
        }
      };
      for (const auto& a : p.money) {
        series(a.name, a.values.size(), "money series");
        check_string(a.description, where + " money series '" + a.name + "' description");
        unique(a.name + "_fen", a.name, "money series");
        unique(a.name + "_yuan", a.name, "money series");
      }
      for (const auto& m : p.measures) {
        series(m.name, m.values.size(), "measure");
        check_string(m.units, where + " measure '" + m.name + "' units");
        check_string(m.description, where + " measure '" + m.name + "' description");
        unique(m.name, m.name, "measure");
      }
    }
  }

  void write_programmes(const Node& variant_node, const models::VariantResult& variant) {
    check_programmes(variant);
    Node programmes = group(variant_node, "programmes");
    attr_string(programmes, "description",
                "one group per programme of the scenario, in scenario order: its yearly series");
    for (const auto& p : variant.programmes) {
      Node programme = group(programmes, p.name);
      attr_string(programme, "kind", p.kind);
      attr_string(programme, "stream", p.stream);

      std::vector<std::int32_t> year_values(p.years.begin(), p.years.end());
      Node year = dataset(programme, "year", year_values, kYear, "calendar year");
      make_scale(year, "year");

      for (const auto& a : p.money) {
        std::vector<std::int64_t> fen;
        std::vector<double> yuan;
        fen.reserve(a.values.size());
        yuan.reserve(a.values.size());
        for (const auto& m : a.values) {
          fen.push_back(m.fen());
          yuan.push_back(m.yuan());
        }
        attach(dataset(programme, a.name + "_fen", fen, kFen, a.description + " (exact)"), year, 0);
        attach(dataset(programme, a.name + "_yuan", yuan, kYuan,
                       a.description + " (= " + a.name + "_fen / 100, rounded)"),
               year, 0);
      }
      for (const auto& m : p.measures) {
        attach(dataset(programme, m.name, m.values, m.units.c_str(), m.description), year, 0);
      }
    }
  }

  std::string target_;
  std::string root_path_;
  H5Handle fcpl_;
  H5Handle fapl_;
  H5Handle gcpl_;
  H5Handle dcpl_;
  H5Handle string_type_;
  H5Handle file_;  // declared last, so closed first, after every group and dataset (locals of
                   // the member functions) is already closed
};

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

[[noreturn]] void fail_errno(const std::string& target, const std::string& call, int err) {
  throw OutputError("cannot write run file '" + target + "': " + call + " failed: " +
                    std::strerror(err));
}

// The temporary file, open for writing; closed (and not removed) by the destructor.
class TemporaryFile {
 public:
  TemporaryFile(std::string target, std::string path) : target_(std::move(target)), path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int err = errno;
      fail_errno(target_, "open(" + path_ + ")", err);
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Writes all of `bytes`, flushes them to disk (so that the rename never publishes a file whose
  // data is lost in a crash) and closes the file.
  void write_and_close(const std::vector<char>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        const int err = errno;
        if (err == EINTR) continue;
        fail_errno(target_, "write(" + path_ + ")", err);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) {
      const int err = errno;
      fail_errno(target_, "fsync(" + path_ + ")", err);
    }
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) {
      const int err = errno;
      fail_errno(target_, "close(" + path_ + ")", err);
    }
  }

 private:
  std::string target_;
  std::string path_;
  int fd_ = -1;
};

// Best effort: makes the rename durable.
void sync_directory_of(const std::string& file) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_run_file(const models::RunResult& run, const std::string& path,
                    const std::function<bool()>& cancelled) {
  if (path.empty()) throw OutputError("cannot write run file: the path is empty");
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());

  std::lock_guard lock(hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    TemporaryFile file(path, temporary);
    std::vector<char> image;
    {
      RunFileWriter writer(path, temporary);
      writer.write(run, cancelled);
      image = writer.image();
      writer.close();
    }
    file.write_and_close(image);
    if (cancelled && cancelled()) throw WriteCancelled("writing run file '" + path + "' cancelled");
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
      const int err = errno;
      fail_errno(path, "rename(" + temporary + ", " + path + ")", err);
    }
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
  sync_directory_of(path);
}

}  // namespace fupin::output
