// Which vector instruction set this machine's CPU runs: the choice between kernels written for
// each one (stats/byte_kernels).
#pragma once

#include <optional>
#include <string_view>

namespace attune {

// Instruction sets kernels are written for, each including the ones before it. avx512 means
// AVX-512 F and BW with VNNI (Cascade Lake and later, Zen 4); avx512_vbmi2 adds VBMI2 (byte
// compression), BMI1, BMI2 and POPCNT (Ice Lake and later, Zen 4).
enum class SimdLevel { plain, avx2, avx512, avx512_vbmi2 };

// Whether this CPU, and the OS saving its registers, can run code of `level`.
bool simd_supported(SimdLevel level);

// The highest level this machine supports, lowered to ATTUNE_SIMD's when that environment
// variable names one ("plain", "avx2", "avx512", "avx512-vbmi2"): a knob for tests and
// measurements. A level above this machine's, an empty value or an unknown name leaves the
// highest (the CLI refuses an unknown name before any work).
SimdLevel simd_level();

// The level's name, as ATTUNE_SIMD spells it.
std::string_view simd_level_name(SimdLevel level);

// The level named `name`, or nullopt.
std::optional<SimdLevel> simd_level_named(std::string_view name);

}  // namespace attune
