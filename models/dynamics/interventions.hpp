// What money reaching a household buys, by project type (ProjectType), and the yearly life of
// those interventions (migrant jobs, insurance cover, relocation).
#pragma once

#include <cstdint>

#include "models/state/county_state.hpp"
#include "models/state/run_context.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// The type a `matched` project takes for the household's primary cause of poverty:
// illness → health_insurance; schooling → education; disaster → housing; lack_of_skills,
// lack_of_labour → skills; remoteness, lack_of_land, lack_of_water → relocation; otherwise income.
ProjectType matched_type(Cause cause);

// Turns `amount` reaching household `i` in `year` into the project `p` describes (resolving
// `matched` by the household's cause). Writes only the household and `lp` (its county's state):
//   income: success drawn once (probability success_probability, plus the work-team bonus in a
//     village with a team); on success a PendingProject with return_rate × amount / size from
//     year + lag_years, with the spec's depreciation and industry (market index `industry`);
//   village_industry: floor(amount / job_cost) jobs (at most the household's labourers) each
//     adding job_wage / size per capita from year + lag_years; the rest becomes an income project;
//   housing: if amount ≥ housing_cost and not yet safe: kSafeHouse; the rest an income project;
//   skills: if amount ≥ training_cost and a labourer: kTrained; the rest an income project;
//   relocation: if amount ≥ relocation_cost_per_person × size and not yet relocated: kRelocated,
//     y ← y (1 − relocation_dip); the rest an income project;
//   education: if amount ≥ education_cost: kSchooling; the rest an income project;
//   health_insurance: premiums for floor(amount / (insurance_premium × size)) years (at most
//     insurance_years) extend insured_until and set kInsured; the rest an income project.
//
// Units (housing, skills, relocation, education) with a `book` that has `savings` (the household's
// balance of this programme earmarked for its unit): when the balance plus `amount` reaches the
// unit's cost the unit is bought from both and the rest becomes an income project; when it does
// not, and the household still needs the unit (not yet safe, not yet relocated, has a labourer),
// the whole amount is added to the balance and nothing else happens; when the household does not
// need the unit, the balance and the amount together become an income project. Without savings
// (book null or book->savings null), an amount below the cost becomes an income project.
// Each unit bought is counted in book->built when given.
struct DeliveryBook {
  sim::Money* savings = nullptr;  // the household's earmarked balance with this programme
  UnitsBuilt* built = nullptr;    // this programme's units this year, in the household's LP
};
struct Delivered {
  sim::Money saved;  // added to the earmarked balance
  sim::Money drawn;  // taken from the earmarked balance (for the unit, or as an income project)
};
Delivered deliver(const RunContext& run, World& world, LpState& lp, std::uint32_t household,
                  sim::Money amount, const ProjectSpec& p, int year, int industry,
                  const DeliveryBook& book = {});

// Whether money of project type `type` can be saved toward a unit (housing, skills, relocation,
// education, and matched, which may resolve to one of them).
bool saves_toward_unit(ProjectType type);

// Yearly life of interventions in the county, run at year end before the income update:
// trained labourers not away find a migrant job with migration_probability (kMigrant, remittance
// added to income each year while away); migrants return with return_probability; insurance
// lapses after insured_until; relocated households grow by relocation_uplift more.
void interventions_year(const RunContext& run, CountyView county, int year);

// Within-village capture: moves `capture` of each village's household amounts (as `parts` of
// `households`, in household order) to the village's richest quarter of unregistered households,
// equally (largest remainder). In a village with a work team the share is multiplied by
// work_team_capture_factor. Returns the extra recipients and amounts, appended to the lists.
void apply_capture(const RunContext& run, const World& world,
                   std::vector<std::uint32_t>& households, std::vector<sim::Money>& parts);

}  // namespace fupin::models
