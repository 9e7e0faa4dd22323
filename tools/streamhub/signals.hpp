#pragma once
// SIGINT and SIGTERM as a request to stop: blocked, then waited for or
// polled, so no code runs inside a signal handler.
//
// Thread-safety: block_shutdown_signals() first, before any thread starts
// (threads inherit the mask); the rest from any thread.

#include <chrono>
#include <string>

namespace streamhub::tools {

/// Blocks SIGINT and SIGTERM in the calling thread and the threads it
/// starts afterwards.
void block_shutdown_signals();

/// Waits for SIGINT or SIGTERM (blocked first); returns its name.
std::string wait_for_shutdown_signal();

/// Whether SIGINT or SIGTERM (blocked first) has arrived; once true, stays
/// true.
bool shutdown_requested();

}  // namespace streamhub::tools
