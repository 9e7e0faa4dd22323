#pragma once
// The executor's output: JSON text appended through inline fast paths
// (std::string::push_back is not reliably inlined and costs tens of
// instructions per character). The storage is a std::string kept at its
// capacity, so the finished text moves out without a copy. Internal to
// execution.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace streamhub::graphql::detail {

class json_buffer {
 public:
  json_buffer() = default;
  json_buffer(const json_buffer&) = delete;
  json_buffer& operator=(const json_buffer&) = delete;

  void reserve(std::size_t bytes) {
    if (bytes > capacity()) grow(bytes - size());
  }

  void put(char c) {
    if (cur_ == end_) grow(1);
    *cur_++ = c;
  }
  void append(std::string_view s) {
    const std::size_t n = s.size();
    if (static_cast<std::size_t>(end_ - cur_) < n) grow(n);
    copy(s);
  }
  /// `s` between double quotes, as is: the caller knows it needs no escape.
  void append_quoted(std::string_view s) {
    if (static_cast<std::size_t>(end_ - cur_) < s.size() + 2) grow(s.size() + 2);
    *cur_++ = '"';
    copy(s);
    *cur_++ = '"';
  }
  /// The decimal digits of `i`.
  void append_int(std::int64_t i) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, i);
    append(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  }
  void append(const std::string& s, std::size_t from) {
    append(std::string_view(s).substr(from));
  }
  json_buffer& operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  json_buffer& operator+=(char c) {
    put(c);
    return *this;
  }

  std::size_t size() const noexcept { return static_cast<std::size_t>(cur_ - begin()); }
  bool empty() const noexcept { return size() == 0; }
  /// Drops everything from `n` on. REQUIRES: n <= size().
  void truncate(std::size_t n) noexcept { cur_ = begin() + n; }
  std::string_view view() const noexcept { return {begin(), size()}; }
  /// The text; the buffer is empty afterwards.
  std::string take() {
    storage_.resize(size());
    std::string out = std::move(storage_);
    storage_.clear();
    cur_ = end_ = nullptr;
    return out;
  }

 private:
  char* begin() const noexcept { return end_ - capacity(); }
  std::size_t capacity() const noexcept { return storage_.size(); }

  // REQUIRES: room for s.size() more bytes.
  void copy(std::string_view s) noexcept {
    const std::size_t n = s.size();
    // Most pieces (keys, names, numbers) are short: copy them with two
    // overlapping moves instead of calling memcpy.
    if (n >= 8 && n <= 16) {
      std::memcpy(cur_, s.data(), 8);
      std::memcpy(cur_ + n - 8, s.data() + n - 8, 8);
    } else if (n >= 4 && n < 8) {
      std::memcpy(cur_, s.data(), 4);
      std::memcpy(cur_ + n - 4, s.data() + n - 4, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) cur_[i] = s[i];
    } else {
      std::memcpy(cur_, s.data(), n);
    }
    cur_ += n;
  }

  void grow(std::size_t more) {
    const std::size_t used = size();
    std::size_t cap = capacity() < 128 ? 256 : capacity() * 2;
    if (cap < used + more) cap = used + more;
    storage_.resize(cap);
    cur_ = storage_.data() + used;
    end_ = storage_.data() + cap;
  }

  std::string storage_;  // size() == capacity in use
  char* cur_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace streamhub::graphql::detail
