// An object kept on the heap that is copied with its owner: how a public class holds a type
// that only its source files see (a declaration in the header suffices) and stays copyable.
#pragma once

#include <memory>
#include <utility>

namespace attune {

// Owns one T (declared only, where the owner is declared). The owner declares its destructor,
// copies and moves and defines them (= default) in its source file, where T is complete.
template <typename T>
class Indirect {
 public:
  // Makes the T from `args`.
  template <typename... Args>
  explicit Indirect(std::in_place_t, Args&&... args) : object_(std::make_unique<T>(std::forward<Args>(args)...)) {}
  Indirect(const Indirect& other) : object_(other.object_ ? std::make_unique<T>(*other.object_) : nullptr) {}
  Indirect(Indirect&&) noexcept = default;
  Indirect& operator=(const Indirect& other) {
    if (this != &other) object_ = other.object_ ? std::make_unique<T>(*other.object_) : nullptr;
    return *this;
  }
  Indirect& operator=(Indirect&&) noexcept = default;
  ~Indirect() = default;

  T& operator*() { return *object_; }
  const T& operator*() const { return *object_; }
  T* operator->() { return object_.get(); }
  const T* operator->() const { return object_.get(); }

 private:
  std::unique_ptr<T> object_;
};

}  // namespace attune
