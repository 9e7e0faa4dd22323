#pragma once
// A stack of trivially copyable items that lives inline up to N items and
// moves to the heap only beyond: the executor's path and open-position
// stacks, so that an ordinary execution allocates nothing for them.
// Internal to execution.

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

namespace streamhub::graphql::detail {

template <class T, std::size_t N>
class small_stack {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  small_stack() = default;
  small_stack(const small_stack&) = delete;
  small_stack& operator=(const small_stack&) = delete;

  void push_back(const T& item) {
    if (size_ == capacity_) grow();
    data_[size_++] = item;
  }
  void pop_back() noexcept { --size_; }
  T& back() noexcept { return data_[size_ - 1]; }
  bool empty() const noexcept { return size_ == 0; }
  std::size_t size() const noexcept { return size_; }
  void clear() noexcept { size_ = 0; }
  std::span<const T> items() const noexcept { return {data_, size_}; }

  void assign(std::span<const T> items) {
    clear();
    for (const T& item : items) push_back(item);
  }

 private:
  void grow() {
    auto bigger = std::make_unique<T[]>(capacity_ * 2);
    std::memcpy(bigger.get(), data_, size_ * sizeof(T));
    heap_ = std::move(bigger);
    data_ = heap_.get();
    capacity_ *= 2;
  }

  T inline_[N];
  std::unique_ptr<T[]> heap_;
  T* data_ = inline_;
  std::size_t size_ = 0;
  std::size_t capacity_ = N;
};

}  // namespace streamhub::graphql::detail
