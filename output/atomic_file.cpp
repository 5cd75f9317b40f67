// Atomic writes of the output layer (atomic_file.hpp).
#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "output/file_type.hpp"
#include "output/output_error.hpp"

namespace fupin::output::detail {
namespace {

[[noreturn]] void fail_errno(const std::string& subject, const std::string& call, int err) {
  throw OutputError("cannot write " + subject + ": " + call + " failed: " + std::strerror(err));
}

// The temporary file, open for writing; closed (and not removed) by the destructor.
class TemporaryFile {
 public:
  TemporaryFile(std::string subject, std::string path)
      : subject_(std::move(subject)), path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int err = errno;
      fail_errno(subject_, "open(" + path_ + ")", err);
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Writes all of `bytes`, flushes them to disk (so that the rename never publishes a file whose
  // data is lost in a crash) and closes the file.
  void write_and_close(const std::vector<char>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        const int err = errno;
        if (err == EINTR) continue;
        fail_errno(subject_, "write(" + path_ + ")", err);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) {
      const int err = errno;
      fail_errno(subject_, "fsync(" + path_ + ")", err);
    }
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) {
      const int err = errno;
      fail_errno(subject_, "close(" + path_ + ")", err);
    }
  }

 private:
  std::string subject_;
  std::string path_;
  int fd_ = -1;
};

// Best effort: makes the rename durable.
void sync_directory_of(const std::string& file) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// What `path` has become if it must not be replaced now, else "".
std::string refusal(const std::string& path, const std::string& protect) {
  struct stat target {};
  if (::lstat(path.c_str(), &target) != 0)
    return "";  // nothing there (or unreachable: the rename says why)
  // A directory is left to rename(2), which never replaces one with a file.
  if (!S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode)) {
    return std::string("it is now ") + file_type(target.st_mode) + ", not a regular file";
  }
  struct stat kept {};
  if (!protect.empty() && ::stat(protect.c_str(), &kept) == 0 && kept.st_dev == target.st_dev &&
      kept.st_ino == target.st_ino) {
    return "it is now the scenario file '" + protect + "'";
  }
  return "";
}

// The checks before the rename, and the rename (the caller removes the temporary on failure).
void rename_over(const std::string& temporary, const std::string& path, const std::string& subject,
                 const std::function<bool()>& cancelled, const std::string& protect) {
  if (cancelled && cancelled()) throw WriteCancelled("writing " + subject + " cancelled");
  if (const std::string why = refusal(path, protect); !why.empty()) {
    throw OutputError("cannot write " + subject + ": refusing to replace '" + path + "': " + why +
                      "; it was left as it is");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int err = errno;
    fail_errno(subject, "rename(" + temporary + ", " + path + ")", err);
  }
}

}  // namespace

std::string temporary_path(const std::string& path) {
  return path + ".tmp-" + std::to_string(::getpid());
}

void write_atomically(const std::string& path, const std::string& subject,
                      const std::function<std::vector<char>(const std::string& temporary)>& build,
                      const std::function<bool()>& cancelled, const std::string& protect) {
  const std::string temporary = temporary_path(path);
  try {
    TemporaryFile file(subject, temporary);
    file.write_and_close(build(temporary));
    rename_over(temporary, path, subject, cancelled, protect);
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
  sync_directory_of(path);
}

std::string create_temporary(const std::string& path, const std::string& subject) {
  std::string temporary = temporary_path(path);
  TemporaryFile file(subject, temporary);  // opened, and closed again
  return temporary;
}

void publish(const std::string& temporary, const std::string& path, const std::string& subject,
             const std::function<bool()>& cancelled, const std::string& protect) {
  try {
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      fail_errno(subject, "open(" + temporary + ")", err);
    }
    if (::fsync(fd) != 0) {
      const int err = errno;
      ::close(fd);
      fail_errno(subject, "fsync(" + temporary + ")", err);
    }
    ::close(fd);
    rename_over(temporary, path, subject, cancelled, protect);
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
  sync_directory_of(path);
}

}  // namespace fupin::output::detail
