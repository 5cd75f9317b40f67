// The append-only, fsynced journal of a sweep's finished runs.
#include "app/sweep_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fupin::app {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error("sweep journal '" + path + "': " + what);
}

void write_all(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, std::string("write failed: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail(path, std::string("fsync failed: ") + std::strerror(errno));
}

// One line "<run> <hex bits> ..." with `metrics` values; false if it is not one.
bool parse_line(std::string_view line, std::size_t metrics, std::int64_t& run,
                std::vector<double>& values) {
  values.clear();
  const char* p = line.data();
  const char* end = line.data() + line.size();
  auto [q, ec] = std::from_chars(p, end, run);
  if (ec != std::errc() || run < 0) return false;
  p = q;
  while (p < end) {
    if (*p != ' ') return false;
    ++p;
    std::uint64_t bits = 0;
    auto [r, e] = std::from_chars(p, end, bits, 16);
    if (e != std::errc() || r - p != 16) return false;
    values.push_back(std::bit_cast<double>(bits));
    p = r;
  }
  return values.size() == metrics;
}

}  // namespace

SweepJournal::SweepJournal(std::string path, const std::string& header, bool resume)
    : path_(std::move(path)) {
  // The header line: "... metrics M"; the number of values per line follows from it.
  std::size_t metrics = 0;
  if (const std::size_t at = header.rfind(' '); at != std::string::npos) {
    (void)std::from_chars(header.data() + at + 1, header.data() + header.size(), metrics);
  }
  const bool exists = ::access(path_.c_str(), F_OK) == 0;
  if (exists && !resume) {
    fail(path_,
         "exists: an earlier sweep to the same output was interrupted; finish it with --resume, or "
         "delete "
         "the journal to start again");
  }
  std::size_t good = 0;
  if (exists) {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    const std::size_t first = text.find('\n');
    if (first == std::string::npos || text.compare(0, first, header) != 0) {
      fail(path_,
           "belongs to another sweep (a different sweep file, scenario, --shard or fupin version); "
           "delete "
           "it to start "
           "again");
    }
    good = first + 1;
    std::int64_t run = 0;
    std::vector<double> values;
    while (good < text.size()) {
      const std::size_t nl = text.find('\n', good);
      if (nl == std::string::npos) break;  // cut off in mid-write: dropped
      if (!parse_line(std::string_view(text).substr(good, nl - good), metrics, run, values)) break;
      finished_.emplace(run, values);
      good = nl + 1;
    }
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(path_, std::string("cannot open: ") + std::strerror(errno));
  if (exists) {
    if (::ftruncate(fd_, static_cast<off_t>(good)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
      fail(path_, std::string("cannot cut off an incomplete line: ") + std::strerror(errno));
    }
  } else {
    write_all(fd_, header + "\n", path_);
  }
}

SweepJournal::~SweepJournal() {
  if (fd_ >= 0) ::close(fd_);
}

void SweepJournal::append(std::int64_t run, const std::vector<double>& metrics) {
  std::string line = std::to_string(run);
  char hex[17];
  for (const double v : metrics) {
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(v)));
    line += ' ';
    line += hex;
  }
  line += '\n';
  std::lock_guard lock(mutex_);
  write_all(fd_, line, path_);
}

void SweepJournal::remove() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace fupin::app
