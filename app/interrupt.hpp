// SIGINT and SIGTERM during a run: the handler only records the signal; the run checks for it at
// the end of every simulated year and between the parts of the run file it writes, and then stops
// cleanly (no temporary file left behind, a message on stderr, exit code 128 + signal number). A
// second signal ends the process at once, after removing the run file's temporary.
#pragma once

#include <stdexcept>
#include <string>

namespace fupin::app {

// Installs the handlers for SIGINT and SIGTERM. The first signal is recorded; a second one ends
// the process at once (with that signal's default action), removing the file named by
// remove_on_second_signal first.
void install_interrupt_handlers();

// The file a second signal removes before it ends the process: the temporary the run file is being
// written to (a path longer than 4095 bytes is not recorded).
void remove_on_second_signal(const std::string& path);

// The signal received since the handlers were installed (SIGINT or SIGTERM), or 0.
int interrupt_signal() noexcept;

// "SIGINT", "SIGTERM" (or "signal N").
const char* interrupt_signal_name(int signal) noexcept;

// Thrown from the run's progress callback once a signal has been received; it leaves the
// simulation at the end of a simulated year.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal) : std::runtime_error("interrupted"), signal_(signal) {}
  [[nodiscard]] int signal() const noexcept { return signal_; }

 private:
  int signal_;
};

}  // namespace fupin::app
