// SHA-256 (FIPS 180-4), for provenance hashes of instrument files.
#pragma once

#include <string>
#include <string_view>

namespace attune {

// The lowercase hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace attune
