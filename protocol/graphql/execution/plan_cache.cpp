#include "protocol/graphql/execution/plan.hpp"

namespace streamhub::graphql::detail {

struct plan_cache::entry {
  const named_type* type;
  std::uint64_t mask;
  std::unique_ptr<selection_plan> plan;
  entry* next;
};

plan_cache::plan_cache(plan_cache&& other) noexcept
    : head_(other.head_.exchange(nullptr, std::memory_order_relaxed)) {}

plan_cache::~plan_cache() {
  entry* e = head_.load(std::memory_order_acquire);
  while (e != nullptr) {
    entry* next = e->next;
    delete e;
    e = next;
  }
}

const selection_plan* plan_cache::find(const named_type* type, std::uint64_t mask) const noexcept {
  for (entry* e = head_.load(std::memory_order_acquire); e != nullptr; e = e->next) {
    if (e->type == type && e->mask == mask) return e->plan.get();
  }
  return nullptr;
}

const selection_plan* plan_cache::insert(const named_type* type, std::uint64_t mask,
                                         std::unique_ptr<selection_plan> plan) const {
  auto* fresh = new entry{type, mask, std::move(plan), head_.load(std::memory_order_acquire)};
  while (true) {
    // Another thread may have published this key meanwhile: look again
    // before every attempt.
    for (entry* e = fresh->next; e != nullptr; e = e->next) {
      if (e->type == type && e->mask == mask) {
        delete fresh;
        return e->plan.get();
      }
    }
    entry* expected = fresh->next;
    if (head_.compare_exchange_weak(expected, fresh, std::memory_order_acq_rel,
                                    std::memory_order_acquire)) {
      return fresh->plan.get();
    }
    fresh->next = expected;
  }
}

}  // namespace streamhub::graphql::detail
