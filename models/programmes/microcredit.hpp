// Microcredit with interest subsidy (扶贫贴息贷款, 小额信贷): loans to registered poor households
// with labourers, invested in a project; repaid in yearly instalments out of income, with the
// programme's subsidy stream paying its share of the interest; some loans default.
#pragma once

#include <vector>

#include "models/finance/loan_book.hpp"
#include "models/programmes/programme.hpp"

namespace fupin::models {

class Microcredit final : public Programme {
 public:
  Microcredit(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

  [[nodiscard]] const std::vector<finance::LoanBook>& books() const { return books_; }

 private:
  void lend(SimulationState& s, std::size_t county, std::int64_t loans, int year, sim::Date date);
  void service(SimulationState& s, std::size_t county, int year);

  const MicrocreditSpec& params_;
  sim::StreamId subsidy_stream_;
  sim::AccountId subsidy_source_;
  sim::AccountId repaid_;
  sim::AccountId interest_;
  std::vector<finance::LoanBook> books_;  // per county (LP-local)
  std::vector<std::int64_t> issued_this_year_;
  std::vector<std::int64_t> defaulted_this_year_;  // per county, this year
};

}  // namespace fupin::models
