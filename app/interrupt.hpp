// SIGINT and SIGTERM during a run: the handler only records the signal; the run checks for it at
// the end of every simulated year and between the parts of the run file it writes, and then stops
// cleanly (no temporary file left behind, a message on stderr, exit code 128 + signal number).
#pragma once

#include <stdexcept>

namespace fupin::app {

// Installs the handlers for SIGINT and SIGTERM. The first signal is recorded; the handler then
// resets itself to the default, so a second signal ends the process at once.
void install_interrupt_handlers();

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
