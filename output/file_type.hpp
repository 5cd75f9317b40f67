// What kind of file a stat(2) mode describes, in words for messages ("a FIFO", "a directory").
#pragma once

#include <sys/stat.h>

namespace fupin::output {

inline const char* file_type(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISREG(mode)) return "a regular file";
  return "not a regular file";
}

}  // namespace fupin::output
