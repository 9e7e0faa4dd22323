#include "tools/streamhub/signals.hpp"

#include <signal.h>

#include <atomic>

namespace streamhub::tools {

namespace {

std::atomic<bool> requested{false};

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void block_shutdown_signals() {
  const sigset_t set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string wait_for_shutdown_signal() {
  const sigset_t set = shutdown_set();
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  requested = true;
  return signal == SIGINT ? "SIGINT" : "SIGTERM";
}

bool shutdown_requested() {
  if (requested) return true;
  const sigset_t set = shutdown_set();
  const timespec zero{0, 0};
  if (sigtimedwait(&set, nullptr, &zero) > 0) requested = true;
  return requested;
}

}  // namespace streamhub::tools
