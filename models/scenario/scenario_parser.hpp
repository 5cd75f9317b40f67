// From a YAML document (already overridden by its variant) to a validated Scenario.
#pragma once

#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

// Parses and validates the whole document except `variants` (whose keys are only checked).
Scenario parse_scenario(const yaml::Located& root);

// The behavioural sections `shocks`, `management` and `interventions` (behaviour_sections.cpp).
ShocksSpec parse_shocks(const yaml::Located& shocks);
ManagementSpec parse_management(const yaml::Located& management);
InterventionSpec parse_interventions(const yaml::Located& interventions);

// The parameters of a programme of each built-in kind, one file each (models/scenario/<kind>.cpp,
// which also registers the kind: programme_kind.hpp); `s` is the scenario parsed so far (period
// and geography), against which years, names and counts are checked. Checks between programmes
// are in funding_network.hpp.
TownshipPackageSpec parse_township_package(const yaml::Located& programme, const Scenario& s);
// The parts special_fund and donation share: yearly amounts under `amounts_key` (`what` names one
// in messages), stages starting at county or below (`starts` says why), project and disbursement.
void parse_appropriation(const yaml::Located& programme, const Scenario& s, const char* amounts_key,
                         const char* what, const char* starts, AppropriationSpec& spec);
SpecialFundSpec parse_special_fund(const yaml::Located& programme, const Scenario& s);
SectorChannelSpec parse_sector_channel(const yaml::Located& programme, const Scenario& s);
VillagePackageSpec parse_village_package(const yaml::Located& programme, const Scenario& s);
EastWestSpec parse_east_west(const yaml::Located& programme, const Scenario& s);
PairedAssistanceSpec parse_paired_assistance(const yaml::Located& programme, const Scenario& s);
DonationSpec parse_donation(const yaml::Located& programme, const Scenario& s);
MicrocreditSpec parse_microcredit(const yaml::Located& programme, const Scenario& s);
MutualAidFundSpec parse_mutual_aid_fund(const yaml::Located& programme, const Scenario& s);
FundIntegrationSpec parse_fund_integration(const yaml::Located& programme, const Scenario& s);

// The `targets` section (targets.cpp); `s` is the scenario parsed so far (period, programmes).
std::vector<TargetSpec> parse_targets(const yaml::Located& targets, const Scenario& s);

// Log-normal sigma with the given Gini coefficient G in (0, 1): sqrt(2) * Phi^-1((G + 1) / 2).
double lognormal_sigma_from_gini(double gini);

}  // namespace fupin::models
