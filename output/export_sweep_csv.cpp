// Reading a sweep file back from HDF5 and writing its tidy CSV tables.
#include "output/export_sweep_csv.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <variant>

#include "output/csv_table.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/run_file_reader.hpp"

namespace fupin::output {

namespace fs = std::filesystem;

namespace {

using detail::RunFileReader;

RunFileReader open_sweep_file(const std::string& path) {
  return {path, "export", "fupin sweep", "/runs"};
}

// A 1-D dataset as text fields: numbers in their shortest exact form, strings as they are.
std::vector<std::string> fields(const RunFileReader& r, const std::string& dataset) {
  if (const std::optional<detail::Column> c = r.numbers(dataset)) {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < c->size(); ++k) out.push_back(c->cell(k));
    return out;
  }
  return r.strings(dataset);
}

// A group's members of one type in creation order; empty when the group does not exist.
std::vector<std::string> members(const RunFileReader& r, const std::string& group,
                                 H5I_type_t type) {
  return r.exists(group) ? r.members(group, type) : std::vector<std::string>{};
}

// A table whose first row is its header.
ExportedTable write_table(const fs::path& path, const std::vector<std::vector<std::string>>& rows) {
  detail::CsvTable table(path.string(), rows.front());
  for (std::size_t i = 1; i < rows.size(); ++i) table.row(rows[i]);
  return table.commit();
}

}  // namespace

bool is_sweep_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) return false;
  try {
    (void)open_sweep_file(path);
    return true;
  } catch (const OutputError&) {
    return false;
  }
}

std::vector<ExportedTable> export_sweep_csv(const std::string& sweep_file,
                                            const std::string& directory) {
  std::vector<std::vector<std::string>> runs;
  std::vector<std::vector<std::string>> sensitivity;
  {
    std::lock_guard lock(detail::hdf5_mutex());
    detail::ErrorPrintingOff quiet;
    const RunFileReader r = open_sweep_file(sweep_file);
    std::vector<std::string> columns = {"run", "point", "replicate"};
    for (const std::string& name : r.string_list_attribute("/runs", "parameters"))
      columns.push_back(name);
    for (const std::string& name : r.string_list_attribute("/runs", "metrics"))
      columns.push_back(name);
    std::vector<std::vector<std::string>> values;
    values.reserve(columns.size());
    for (const std::string& c : columns) values.push_back(fields(r, "/runs/" + c));
    runs.push_back(columns);
    for (std::size_t i = 0; i < values.front().size(); ++i) {
      std::vector<std::string> row;
      row.reserve(values.size());
      for (const auto& column : values) row.push_back(i < column.size() ? column[i] : "");
      runs.push_back(std::move(row));
    }
    sensitivity.push_back({"metric", "method", "parameter", "index", "value"});
    for (const std::string& metric : members(r, "/sensitivity", H5I_GROUP)) {
      for (const std::string& method : members(r, "/sensitivity/" + metric, H5I_GROUP)) {
        const std::string group = "/sensitivity/" + metric + "/" + method;
        const std::vector<std::string> parameters = fields(r, group + "/parameter");
        for (const std::string& index : members(r, group, H5I_DATASET)) {
          if (index == "parameter") continue;
          const std::vector<std::string> v = fields(r, group + "/" + index);
          for (std::size_t k = 0; k < parameters.size() && k < v.size(); ++k) {
            sensitivity.push_back({metric, method, parameters[k], index, v[k]});
          }
        }
      }
    }
  }
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec)
    throw OutputError(fmt::format("cannot create directory '{}': {}", directory, ec.message()));
  std::vector<ExportedTable> out;
  out.push_back(write_table(fs::path(directory) / "runs.csv", runs));
  if (sensitivity.size() > 1)
    out.push_back(write_table(fs::path(directory) / "sensitivity.csv", sensitivity));
  return out;
}

}  // namespace fupin::output
