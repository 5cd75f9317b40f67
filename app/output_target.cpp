#include "app/output_target.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include "output/file_type.hpp"

namespace fupin::app {

std::optional<std::string> refuse_output(const std::string& output, const std::string& what,
                                         const std::vector<InputFile>& inputs) {
  struct stat target {};
  if (::lstat(output.c_str(), &target) != 0)
    return std::nullopt;  // nothing there (or unreachable: the write says why)
  if (!S_ISREG(target.st_mode)) {
    return fmt::format("refusing to write the {} to '{}': it is {}, not a regular file", what,
                       output, output::file_type(target.st_mode));
  }
  for (const InputFile& input : inputs) {
    struct stat source {};
    if (!input.path.empty() && ::stat(input.path.c_str(), &source) == 0 &&
        source.st_dev == target.st_dev && source.st_ino == target.st_ino) {
      return fmt::format("refusing to write the {} to '{}': it is the {} '{}'", what, output,
                         input.role, input.path);
    }
  }
  return std::nullopt;
}

}  // namespace fupin::app
