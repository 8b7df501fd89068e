#include "attune/util/simd_level.h"

#include <cstdlib>

namespace attune {

bool simd_supported(SimdLevel level) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  switch (level) {
    case SimdLevel::plain:
      return true;
    case SimdLevel::avx2:
      return __builtin_cpu_supports("avx2");
    case SimdLevel::avx512:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vnni");
    case SimdLevel::avx512_vbmi2:
      return simd_supported(SimdLevel::avx512) && __builtin_cpu_supports("avx512vbmi2") &&
             __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
  }
  return false;
#else
  return level == SimdLevel::plain;
#endif
}

std::string_view simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::plain:
      return "plain";
    case SimdLevel::avx2:
      return "avx2";
    case SimdLevel::avx512:
      return "avx512";
    case SimdLevel::avx512_vbmi2:
      return "avx512-vbmi2";
  }
  return "plain";
}

std::optional<SimdLevel> simd_level_named(std::string_view name) {
  for (SimdLevel level : {SimdLevel::plain, SimdLevel::avx2, SimdLevel::avx512, SimdLevel::avx512_vbmi2})
    if (simd_level_name(level) == name) return level;
  return std::nullopt;
}

SimdLevel simd_level() {
  SimdLevel best = SimdLevel::plain;
  for (SimdLevel level : {SimdLevel::avx2, SimdLevel::avx512, SimdLevel::avx512_vbmi2})
    if (simd_supported(level)) best = level;
  if (const char* asked = std::getenv("ATTUNE_SIMD")) {
    const std::optional<SimdLevel> named = simd_level_named(asked);
    if (named && *named < best) best = *named;
  }
  return best;
}

}  // namespace attune
