// A build with FUPIN_MPI: the ranks of an MPI job when mpirun launched the process.
//
// Each rank runs its share of the runs in a background thread (parallel inside); the main thread is
// the only one that calls MPI (MPI_THREAD_FUNNELED). It forwards the rank's finished runs to rank
// 0, which records them, and passes "stop" messages around, polling every millisecond.
// Messages, all on MPI_COMM_WORLD:
//   result (rank -> 0): int64 run, then the run's metrics as doubles;
//   done   (rank -> 0): int32 signal, then the failure message (empty: none); the rank's last;
//   stop   (0 -> rank): a failure or interrupt elsewhere: stop running;
//   finish (0 -> rank): every rank is done; nothing more comes.
// The C API only: Open MPI's (deprecated) C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <streambuf>
#include <thread>
#include <utility>

#include "app/sweep_ranks.hpp"

namespace fupin::app {

namespace {

constexpr int kResult = 1;
constexpr int kDone = 2;
constexpr int kStop = 3;
constexpr int kFinish = 4;

// Whether mpirun (Open MPI's, or another launcher with PMI) started this process. A fupin
// started by hand stays one rank without calling MPI_Init: a singleton MPI_Init starts Open MPI's
// runtime daemon, which is slow and prints warnings (docs/cluster.md).
bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};
NullBuffer null_buffer;

std::vector<char> receive(int source, int tag, MPI_Status& status) {
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int bytes = 0;
  MPI_Get_count(&status, MPI_BYTE, &bytes);
  std::vector<char> buffer(static_cast<std::size_t>(bytes));
  MPI_Recv(buffer.data(), bytes, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return buffer;
}

void send(const std::vector<char>& buffer, int dest, int tag) {
  MPI_Send(buffer.data(), static_cast<int>(buffer.size()), MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

std::vector<char> pack_result(std::size_t run, const std::vector<double>& metrics) {
  const auto r = static_cast<std::int64_t>(run);
  std::vector<char> out(sizeof r + metrics.size() * sizeof(double));
  std::memcpy(out.data(), &r, sizeof r);
  if (!metrics.empty())
    std::memcpy(out.data() + sizeof r, metrics.data(), metrics.size() * sizeof(double));
  return out;
}

void unpack_result(const std::vector<char>& in, std::size_t& run, std::vector<double>& metrics) {
  std::int64_t r = 0;
  std::memcpy(&r, in.data(), sizeof r);
  run = static_cast<std::size_t>(r);
  metrics.resize((in.size() - sizeof r) / sizeof(double));
  if (!metrics.empty())
    std::memcpy(metrics.data(), in.data() + sizeof r, metrics.size() * sizeof(double));
}

std::vector<char> pack_done(const RanksOutcome& o) {
  const auto signal = static_cast<std::int32_t>(o.signal);
  std::vector<char> out(sizeof signal + o.failure.size());
  std::memcpy(out.data(), &signal, sizeof signal);
  std::memcpy(out.data() + sizeof signal, o.failure.data(), o.failure.size());
  return out;
}

RanksOutcome unpack_done(const std::vector<char>& in) {
  std::int32_t signal = 0;
  std::memcpy(&signal, in.data(), sizeof signal);
  return RanksOutcome{signal, std::string(in.data() + sizeof signal, in.size() - sizeof signal)};
}

// The runs a rank has finished and not yet passed on, filled by its worker thread.
class Finished {
 public:
  void push(std::size_t run, std::vector<double> metrics) {
    std::lock_guard lock(mutex_);
    runs_.emplace_back(run, std::move(metrics));
  }
  std::deque<std::pair<std::size_t, std::vector<double>>> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(runs_, {});
  }

 private:
  std::mutex mutex_;
  std::deque<std::pair<std::size_t, std::vector<double>>> runs_;
};

}  // namespace

SweepRanks::SweepRanks() {
  if (!launched_by_mpirun()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (rank_ != 0) {
    cout_ = std::cout.rdbuf(&null_buffer);
    cerr_ = std::cerr.rdbuf(&null_buffer);
  }
}

SweepRanks::~SweepRanks() {
  if (cout_ != nullptr) std::cout.rdbuf(cout_);
  if (cerr_ != nullptr) std::cerr.rdbuf(cerr_);
  if (mpi_) MPI_Finalize();
}

void SweepRanks::share(int& status, std::vector<std::size_t>& runs) {
  if (size_ == 1) return;
  std::uint64_t head[2] = {static_cast<std::uint64_t>(status), runs.size()};
  MPI_Bcast(head, 2, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  status = static_cast<int>(head[0]);
  std::vector<std::uint64_t> list(runs.begin(), runs.end());
  list.resize(head[1]);
  MPI_Bcast(list.data(), static_cast<int>(list.size()), MPI_UINT64_T, 0, MPI_COMM_WORLD);
  runs.assign(list.begin(), list.end());
}

RanksOutcome SweepRanks::execute(const std::vector<std::size_t>& runs, const RunWork& work,
                                 const RunDone& record) {
  std::atomic<bool> stop{false};
  if (size_ == 1) return work(runs, record, stop);
  std::vector<std::size_t> mine;
  for (std::size_t k = static_cast<std::size_t>(rank_); k < runs.size();
       k += static_cast<std::size_t>(size_))
    mine.push_back(runs[k]);
  Finished finished;
  RanksOutcome local;
  std::atomic<bool> working{true};
  std::thread worker([&] {
    local = work(
        mine, [&](std::size_t run, std::vector<double> m) { finished.push(run, std::move(m)); },
        stop);
    working = false;
  });
  RanksOutcome all;
  bool stopped = false;  // rank 0: the stop messages are sent
  int open = size_ - 1;  // rank 0: ranks that have not said done
  const auto stop_all = [&] {
    stop = true;
    if (stopped) return;
    stopped = true;
    for (int r = 1; r < size_; ++r) MPI_Send(nullptr, 0, MPI_BYTE, r, kStop, MPI_COMM_WORLD);
  };
  const auto merge = [&](const RanksOutcome& o) {
    if (all.signal == 0) all.signal = o.signal;
    if (all.failure.empty()) all.failure = o.failure;
    if (o.signal != 0 || !o.failure.empty()) stop_all();
  };
  bool local_done = false;
  while (true) {
    const bool last_round = !working.load();  // the worker is done: what it left is all
    for (auto& [run, metrics] : finished.take()) {
      if (rank_ == 0) {
        record(run, std::move(metrics));
      } else {
        send(pack_result(run, metrics), 0, kResult);
      }
    }
    if (rank_ == 0) {
      int flag = 1;
      while (flag != 0) {
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
        if (flag == 0) break;
        const std::vector<char> message = receive(status.MPI_SOURCE, status.MPI_TAG, status);
        if (status.MPI_TAG == kResult) {
          std::size_t run = 0;
          std::vector<double> metrics;
          unpack_result(message, run, metrics);
          record(run, std::move(metrics));
        } else if (status.MPI_TAG == kDone) {
          merge(unpack_done(message));
          --open;
        }
      }
      if (last_round && !local_done) {
        local_done = true;
        merge(local);
      }
      if (local_done && open == 0) break;
    } else {
      int flag = 0;
      MPI_Iprobe(0, kStop, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
      if (flag != 0) stop = true;
      if (last_round) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  worker.join();
  if (rank_ == 0) {
    for (int r = 1; r < size_; ++r) MPI_Send(nullptr, 0, MPI_BYTE, r, kFinish, MPI_COMM_WORLD);
    return all;
  }
  send(pack_done(local), 0, kDone);
  // Stop messages sent before rank 0 saw this one's done are received before the finish.
  while (true) {
    MPI_Status status;
    const std::vector<char> message = receive(0, MPI_ANY_TAG, status);
    if (status.MPI_TAG == kFinish) break;
  }
  return local;
}

}  // namespace fupin::app
