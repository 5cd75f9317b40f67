// Writing a file so that it is either complete or absent: the bytes go to "<path>.tmp-<pid>" in
// the same directory, are flushed to disk (fsync) and the temporary is renamed over `path`.
// Private to the output layer.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace fupin::output::detail {

// "<path>.tmp-<pid>": the temporary of `path` in this process.
std::string temporary_path(const std::string& path);

// Opens the temporary of `path`, calls `build(temporary)` for the file's bytes, writes them to the
// temporary with write(2), fsyncs and closes it, asks `cancelled` (if given) once more and renames
// the temporary over `path`; then makes the rename durable (fsync of the directory, best effort).
//
// If anything fails — opening the temporary (e.g. a missing directory), `build`, a write (a full
// disk), the rename — or `cancelled` returns true, the temporary is removed and the exception
// propagates: OutputError "cannot write <subject>: <call> failed: <strerror>" for a system call,
// WriteCancelled "writing <subject> cancelled", or whatever `build` threw. `path` is therefore
// never left half-written, and an existing file there is only replaced by a complete one.
// `subject` names the file in messages, e.g. "run file 'out/run.h5'".
//
// Just before the rename `path` is checked again (it may have changed while the file was built):
// only a regular file, or nothing, is replaced, and never the file `protect` names (the scenario,
// also under another name: same device and inode). Otherwise the temporary is removed and an
// OutputError says what `path` has become; `path` is left as it is.
void write_atomically(const std::string& path, const std::string& subject,
                      const std::function<std::vector<char>(const std::string& temporary)>& build,
                      const std::function<bool()>& cancelled, const std::string& protect = {});

// Creates (or truncates) the temporary of `path` and returns its name, for a writer that writes it
// itself; OutputError "cannot write <subject>: open(<temporary>) failed: <strerror>" if it cannot
// (e.g. a missing directory). Finish with publish().
std::string create_temporary(const std::string& path, const std::string& subject);

// The last steps of write_atomically for a temporary written by someone else (e.g. HDF5 writing
// a file straight to disk, closed): fsyncs `temporary`, asks `cancelled`, checks `path` as above
// and renames `temporary` over it. On any failure `temporary` is removed and the exception
// propagates, as for write_atomically.
void publish(const std::string& temporary, const std::string& path, const std::string& subject,
             const std::function<bool()>& cancelled, const std::string& protect = {});

}  // namespace fupin::output::detail
