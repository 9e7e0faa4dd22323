#include "gateway/io_thread.hpp"

namespace streamhub::gateway {

tracked_session::tracked_session(io_thread& thread) : thread_(thread) { thread_.link(this); }

tracked_session::~tracked_session() { thread_.unlink(this); }

io_thread::io_thread(std::chrono::milliseconds sweep_interval)
    : sweep_interval_(sweep_interval),
      sweep_timer_(context_),
      grace_timer_(context_),
      work_(boost::asio::make_work_guard(context_)),
      gate_(std::make_shared<post_gate>(context_)),
      handle_(std::make_shared<io_thread_handle>(gate_)) {}

io_thread::~io_thread() {
  gate_->close();
  if (thread_.joinable()) thread_.join();
}

void io_thread::start() {
  schedule_sweep();
  thread_ = std::thread([this] { context_.run(); });
}

void io_thread::link(tracked_session* session) noexcept {
  session->next_ = sessions_;
  if (sessions_ != nullptr) sessions_->prev_ = session;
  sessions_ = session;
}

void io_thread::unlink(tracked_session* session) noexcept {
  if (session->prev_ != nullptr) session->prev_->next_ = session->next_;
  else sessions_ = session->next_;
  if (session->next_ != nullptr) session->next_->prev_ = session->prev_;
  session->prev_ = session->next_ = nullptr;
  if (draining_ && sessions_ == nullptr) {
    // Last session gone: let run() return.
    sweep_timer_.cancel();
    grace_timer_.cancel();
  }
}

void io_thread::describe_sessions(std::vector<session_info>& out) const {
  for (const tracked_session* s = sessions_; s != nullptr; s = s->next_) out.push_back(s->describe());
}

void io_thread::schedule_sweep() {
  sweep_timer_.expires_after(sweep_interval_);
  sweep_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    const auto now = std::chrono::steady_clock::now();
    for (tracked_session* s = sessions_; s != nullptr;) {
      tracked_session* next = s->next_;  // s may unlink itself
      s->on_sweep(now);
      s = next;
    }
    if (!draining_ || sessions_ != nullptr) schedule_sweep();
  });
}

void io_thread::begin_shutdown(std::chrono::milliseconds grace) {
  boost::asio::post(context_, [this, grace] {
    draining_ = true;
    work_.reset();
    for (tracked_session* s = sessions_; s != nullptr;) {
      tracked_session* next = s->next_;
      s->on_shutdown();
      s = next;
    }
    if (sessions_ == nullptr) {
      sweep_timer_.cancel();
      return;
    }
    grace_timer_.expires_after(grace);
    grace_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) on_grace_over();
    });
  });
}

void io_thread::on_grace_over() {
  for (tracked_session* s = sessions_; s != nullptr;) {
    tracked_session* next = s->next_;
    s->abort();
    s = next;
  }
}

void io_thread::join() {
  if (thread_.joinable()) thread_.join();
  gate_->close();
}

}  // namespace streamhub::gateway
