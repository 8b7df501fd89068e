#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "attune/util/ordered_pool.h"

using namespace attune;

namespace {

struct Numbers {
  std::vector<int> in, out;
  unsigned worker = 99;
  void clear() {
    in.clear();
    out.clear();
    worker = 99;
  }
};

// Squares each batch's numbers, the later batches' faster, and collects them in order.
std::vector<int> squares(unsigned threads, int batches, std::size_t depth, std::vector<unsigned>* workers = nullptr) {
  std::vector<int> collected;
  OrderedPool<Numbers> pool(
      threads,
      [batches](unsigned worker, Numbers& batch) {
        // Early batches take longest, so workers finish them out of order.
        std::this_thread::sleep_for(std::chrono::microseconds(50 * (batches - batch.in.front() / 10)));
        for (int x : batch.in) batch.out.push_back(x * x);
        batch.worker = worker;
      },
      [&](Numbers& batch) {
        collected.insert(collected.end(), batch.out.begin(), batch.out.end());
        if (workers) workers->push_back(batch.worker);
      },
      depth);
  for (int b = 0; b < batches; ++b) {
    Numbers& batch = pool.next_batch();
    CHECK(batch.in.empty());   // cleared
    for (int i = 0; i < 10; ++i) batch.in.push_back(b * 10 + i);
    pool.submit();
  }
  pool.finish();
  return collected;
}

}  // namespace

TEST_CASE("ordered pool: batches come back in the order given, with any number of workers") {
  std::vector<int> expected;
  for (int x = 0; x < 200; ++x) expected.push_back(x * x);
  for (unsigned threads : {0u, 1u, 2u, 4u}) {
    for (std::size_t depth : {1u, 2u, 10u}) {
      CAPTURE(threads);
      CAPTURE(depth);
      std::vector<unsigned> workers;
      CHECK(squares(threads, 20, depth, &workers) == expected);
      for (unsigned w : workers) CHECK(w < std::max(threads, 1u));
    }
  }
}

TEST_CASE("ordered pool: with no threads, work and collection happen inside submit()") {
  int worked = 0, collected = 0;
  OrderedPool<Numbers> pool(
      0, [&](unsigned, Numbers&) { ++worked; }, [&](Numbers&) { ++collected; }, 4);
  pool.next_batch();
  CHECK(worked == 0);
  pool.submit();
  CHECK(worked == 1);
  CHECK(collected == 1);
}

TEST_CASE("ordered pool: a worker's error comes when its batch would be collected, after earlier batches") {
  for (unsigned threads : {0u, 2u}) {
    CAPTURE(threads);
    std::vector<int> collected;
    OrderedPool<Numbers> pool(
        threads,
        [](unsigned, Numbers& batch) {
          if (batch.in.front() == 3) throw std::runtime_error("batch 3");
        },
        [&](Numbers& batch) { collected.push_back(batch.in.front()); }, 3);
    std::string error;
    try {
      for (int b = 0; b < 8; ++b) {
        pool.next_batch().in.push_back(b);
        pool.submit();
      }
      pool.finish();
    } catch (const std::runtime_error& e) {
      error = e.what();
    }
    CHECK(error == "batch 3");
    CHECK(collected == std::vector<int>{0, 1, 2});
  }
}
