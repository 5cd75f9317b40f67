#include "app/interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace fupin::app {
namespace {

volatile std::sig_atomic_t g_signal = 0;
// The file removed when a second signal ends the process (NUL-terminated; empty: none).
char g_remove[4096] = {};
volatile std::sig_atomic_t g_remove_set = 0;

extern "C" void record_signal(int signal) {
  if (g_signal == 0) {
    g_signal = signal;
    return;
  }
  // A second signal: remove the run's temporary and end the process with the signal's default
  // action (the signal is blocked while this handler runs and is delivered when it returns).
  if (g_remove_set != 0) ::unlink(g_remove);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = &record_signal;
  sigemptyset(&action.sa_mask);
  // Either signal waits while the handler runs for the other.
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  // SA_RESTART: system calls in progress (HDF5's writes) are resumed, not failed with EINTR.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void remove_on_second_signal(const std::string& path) {
  g_remove_set = 0;
  if (path.size() >= sizeof g_remove) return;
  std::memcpy(g_remove, path.c_str(), path.size() + 1);
  g_remove_set = 1;
}

int interrupt_signal() noexcept { return g_signal; }

const char* interrupt_signal_name(int signal) noexcept {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "a signal";
  }
}

}  // namespace fupin::app
