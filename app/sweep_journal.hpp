// The journal of a sweep: each finished run's metrics appended to "<output>.journal" and flushed
// to disk (fsync) before the next, so an interrupted sweep loses nothing and `--resume` finishes
// it. Values are stored as the bits of their doubles: resumed results are bit-identical.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace fupin::app {

class SweepJournal {
 public:
  // Opens `path` for appending. With `resume`, reads the runs it holds (an incomplete last line,
  // left by a kill in mid-write, is dropped and cut off); the header must match `header`.
  // Without `resume` the file must not exist. Throws std::runtime_error saying what is wrong.
  SweepJournal(std::string path, const std::string& header, bool resume);
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;
  ~SweepJournal();

  // The runs read back at opening: run index -> metrics.
  [[nodiscard]] const std::map<std::int64_t, std::vector<double>>& finished() const {
    return finished_;
  }
  // Appends one run and fsyncs; thread-safe.
  void append(std::int64_t run, const std::vector<double>& metrics);
  // Closes and deletes the journal (the sweep file now holds everything).
  void remove();
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
  std::map<std::int64_t, std::vector<double>> finished_;
};

}  // namespace fupin::app
