// A build without MPI: a sweep is always one rank.
#include "app/sweep_ranks.hpp"

namespace fupin::app {

SweepRanks::SweepRanks() = default;
SweepRanks::~SweepRanks() = default;

void SweepRanks::share(int&, std::vector<std::size_t>&) {}

RanksOutcome SweepRanks::execute(const std::vector<std::size_t>& runs, const RunWork& work,
                                 const RunDone& record) {
  std::atomic<bool> stop{false};
  return work(runs, record, stop);
}

}  // namespace fupin::app
