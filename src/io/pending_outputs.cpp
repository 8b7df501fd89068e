#include "pending_outputs.h"

#include <atomic>
#include <cstring>

#include <unistd.h>

#include "attune/io/output_sink.h"

namespace attune {

namespace {

// Fixed storage, written before a signal can read it: a handler may not allocate or lock. A
// slot's state says whether its path is complete (2), being written (1) or free (0).
constexpr int kSlots = 8;
constexpr std::size_t kPathMax = 4096;
struct Slot {
  std::atomic<int> state{0};
  char path[kPathMax];
};
Slot slots[kSlots];
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler reads the slots");

}  // namespace

namespace pending_outputs {

int add(const char* path) noexcept {
  const std::size_t length = std::strlen(path);
  if (length >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int free = 0;
    if (!slots[i].state.compare_exchange_strong(free, 1)) continue;
    std::memcpy(slots[i].path, path, length + 1);
    slots[i].state.store(2);
    return i;
  }
  return -1;
}

void remove(int slot) noexcept {
  if (slot >= 0 && slot < kSlots) slots[slot].state.store(0);
}

}  // namespace pending_outputs

void remove_pending_outputs() noexcept {
  for (Slot& slot : slots) {
    if (slot.state.load() == 2) ::unlink(slot.path);
  }
}

}  // namespace attune
