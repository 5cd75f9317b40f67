// One CSV table of the output layer (RFC 4180 quoting), written to "<path>.tmp-<pid>" and renamed
// over `path` by commit(); a table destroyed before commit() removes its temporary. Shared by the
// exports of run files and sweep files. Private to the output layer.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "output/export_csv.hpp"
#include "output/output_error.hpp"

namespace fupin::output::detail {

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
inline std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// One CSV table, written to "<path>.tmp-<pid>" and renamed over `path` by commit().
class CsvTable {
 public:
  CsvTable(std::string path, const std::vector<std::string>& header)
      : path_(std::move(path)), temporary_(fmt::format("{}.tmp-{}", path_, ::getpid())) {
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_)
      throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    row(header);
    rows_ = 0;
  }
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;
  ~CsvTable() {
    if (!committed_) {
      out_.close();
      std::remove(temporary_.c_str());
    }
  }

  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) buffer_ += ',';
      buffer_ += field(fields[i]);
    }
    buffer_ += '\n';
    ++rows_;
    if (buffer_.size() > (1U << 20)) flush();
  }

  ExportedTable commit() {
    flush();
    out_.close();
    if (!out_)
      throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
      throw OutputError(
          fmt::format("cannot rename '{}' to '{}': {}", temporary_, path_, std::strerror(errno)));
    }
    committed_ = true;
    return {path_, rows_};
  }

 private:
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!out_)
      throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    buffer_.clear();
  }

  std::string path_;
  std::string temporary_;
  std::ofstream out_;
  std::string buffer_;
  std::size_t rows_ = 0;
  bool committed_ = false;
};

}  // namespace fupin::output::detail
