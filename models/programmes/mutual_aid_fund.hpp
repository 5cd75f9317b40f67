// Village mutual-aid revolving funds (贫困村资金互助组织): seed capital for the poorest villages;
// every year each fund lends what it holds to registered poor households, who invest it for the
// year and repay it with a fee (占用费) at year end, or default.
#pragma once

#include <optional>
#include <vector>

#include "models/finance/revolving_fund.hpp"
#include "models/programmes/programme.hpp"

namespace fupin::models {

class MutualAidFund final : public Programme {
 public:
  MutualAidFund(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

  [[nodiscard]] const std::vector<std::optional<finance::RevolvingFund>>& funds() const {
    return funds_;
  }
  [[nodiscard]] sim::AccountId fund_account(std::size_t village) const {
    return fund_account_[village];
  }

 private:
  void seed(SimulationState& s, int year, sim::Date date);
  void lend(SimulationState& s, std::size_t county, sim::Date date);
  void settle(SimulationState& s, std::size_t county, int year);

  const MutualAidFundSpec& params_;
  std::vector<std::optional<finance::RevolvingFund>> funds_;  // per village (LP-local)
  std::vector<std::vector<std::pair<std::uint32_t, sim::Money>>>
      loans_;                                 // per village: this year's loans
  std::vector<sim::AccountId> fund_account_;  // per village
  std::vector<sim::AccountId> lent_account_;  // per village
};

}  // namespace fupin::models
