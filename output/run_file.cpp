// Writes a RunResult to one HDF5 file: the layout (run_file_layout.cpp) is built in memory by the
// HDF5 writer (hdf5_writer.cpp) and published atomically (atomic_file.cpp).
#include "output/run_file.hpp"

#include <mutex>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/run_file_layout.hpp"

namespace fupin::output {

void write_run_file(const models::RunResult& run, const std::string& path,
                    const std::function<bool()>& cancelled) {
  if (path.empty()) throw OutputError("cannot write run file: the path is empty");
  const std::string subject = "run file '" + path + "'";

  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  detail::write_atomically(
      path, subject,
      [&](const std::string& temporary) {
        detail::Hdf5Writer writer(subject, temporary);
        detail::write_run_layout(writer, run, [&] {
          if (cancelled && cancelled()) throw WriteCancelled("writing " + subject + " cancelled");
        });
        std::vector<char> image = writer.image();
        writer.close();
        return image;
      },
      cancelled, run.scenario_file);
}

}  // namespace fupin::output
