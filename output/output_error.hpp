// The errors of the output layer.
#pragma once

#include <stdexcept>

namespace fupin::output {

// Any failure to write an output file. The message names the target path and the failing call
// (an HDF5 function, rename(2), ...) or the inconsistency found in the data.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The write was abandoned because `cancelled` returned true; the temporary file has been removed
// and the target path is untouched.
class WriteCancelled : public OutputError {
 public:
  using OutputError::OutputError;
};

// The file read is not a fupin run file (missing, not HDF5, no fupin /meta), or lacks a part every
// run file has; the message names the file and what is missing. Bad input, not a failure.
class NotARunFile : public OutputError {
 public:
  using OutputError::OutputError;
};

}  // namespace fupin::output
