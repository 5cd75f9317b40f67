// The processes a sweep's runs are spread over: this one alone or, in a build with FUPIN_MPI
// launched by mpirun, the ranks of an MPI job (docs/cluster.md). Rank 0 alone keeps the journal
// and writes the file; every finished run's metrics reach it. Only sweep_ranks_mpi.cpp knows MPI.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace fupin::app {

// How a rank's runs ended.
struct RanksOutcome {
  int signal = 0;       // the interrupt that stopped them (0: none)
  std::string failure;  // the first failed run's message (empty: none)
};

// Reports one finished run's metrics.
using RunDone = std::function<void(std::size_t run, std::vector<double> metrics)>;
// Runs `runs`, calling `done` for each finished one (from any thread), until `stop` is set.
using RunWork = std::function<RanksOutcome(const std::vector<std::size_t>& runs,
                                           const RunDone& done, std::atomic<bool>& stop)>;

class SweepRanks {
 public:
  // Joins the MPI job if this build has MPI and mpirun launched the process (its environment
  // says so); otherwise, and always without FUPIN_MPI, the sweep is one rank. Ranks other than 0
  // print nothing (their messages would repeat rank 0's).
  SweepRanks();
  SweepRanks(const SweepRanks&) = delete;
  SweepRanks& operator=(const SweepRanks&) = delete;
  ~SweepRanks();

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  [[nodiscard]] bool leader() const { return rank_ == 0; }

  // Rank 0's `status` (0: go on) and `runs` (the runs left to do) replace every other rank's.
  void share(int& status, std::vector<std::size_t>& runs);

  // Every rank runs its share of `runs` — the k-th run of `runs` goes to rank k mod size — with
  // `work`; rank 0 calls `record` for every finished run of every rank. A failure or interrupt on
  // one rank stops all. On rank 0 the outcome is every rank's (the first failure, any signal);
  // on the others their own. With one rank this is `work(runs, record, stop)`.
  RanksOutcome execute(const std::vector<std::size_t>& runs, const RunWork& work,
                       const RunDone& record);

 private:
  int rank_ = 0;
  int size_ = 1;
  bool mpi_ = false;
  std::streambuf* cout_ = nullptr;  // the streams silenced on ranks other than 0
  std::streambuf* cerr_ = nullptr;
};

}  // namespace fupin::app
