// The household panel of a run file (/variants/<variant>/households, docs/output.md), written one
// year at a time: as each panel year of a variant ends during the run
// (RunFileWriter::add_panel_year), or from a panel collected in VariantResult::households. Private
// to the output layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/household_year.hpp"
#include "models/results.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output::detail {

// The panel datasets of one variant while its years come in: created unlinked at its first panel
// year, one row (year) written per add_year, compressed and written at once, so that no year is
// held in memory; link() puts them into the variant's `households` group once every year is in.
class PanelDatasets {
 public:
  // Writes `year` (the first call fixes the variant, its panel years, households and programmes;
  // later calls must match them and come in the order of the panel years). OutputError if not.
  void add_year(Hdf5Writer& w, const models::HouseholdYear& year);
  [[nodiscard]] const std::string& variant() const { return variant_; }
  [[nodiscard]] bool empty() const { return series_.empty(); }
  // Writes /variants/<v>/households into `variant_node` (its scales, names and villages) and links
  // the panel datasets into it; every panel year must have been added. Leaves this empty.
  void link(Hdf5Writer& w, const Node& variant_node, const models::VariantResult& variant);

 private:
  std::string variant_;
  std::vector<int> years_;
  std::size_t households_ = 0;
  std::size_t programmes_ = 0;
  std::vector<std::int32_t> village_;
  std::vector<RowDataset> series_;  // in the order of the panel's series (household_panel.cpp)
};

// /variants/<v>/households from the panel collected in `variant.households` (nothing if it has no
// years): the same datasets as PanelDatasets writes.
void write_collected_households(Hdf5Writer& w, const Node& variant_node,
                                const models::VariantResult& variant);

}  // namespace fupin::output::detail
