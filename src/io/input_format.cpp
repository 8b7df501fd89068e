#include "attune/io/input_format.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace attune {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The SAS data set signature (ReadStat src/sas/readstat_sas.c, sas7bdat_magic_number).
constexpr std::array<unsigned char, 32> kSasMagic = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc2, 0xea, 0x81, 0x60,
    0xb3, 0x14, 0x11, 0xcf, 0xbd, 0x92, 0x08, 0x00, 0x09, 0xc7, 0x31, 0x8c, 0x18, 0x1f, 0x10, 0x11};

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view text) {
  const std::string name = lowercase(text);
  if (name == "csv") return InputFormat::csv;
  if (name == "sav") return InputFormat::sav;
  if (name == "zsav") return InputFormat::zsav;
  if (name == "dta") return InputFormat::dta;
  if (name == "sas7bdat") return InputFormat::sas7bdat;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::csv: return "csv";
    case InputFormat::sav: return "sav";
    case InputFormat::zsav: return "zsav";
    case InputFormat::dta: return "dta";
    case InputFormat::sas7bdat: return "sas7bdat";
  }
  return "csv";
}

std::string_view input_format_description(InputFormat format) {
  switch (format) {
    case InputFormat::csv: return "a CSV text file";
    case InputFormat::sav: return "an SPSS .sav file";
    case InputFormat::zsav: return "a compressed SPSS .zsav file";
    case InputFormat::dta: return "a Stata .dta file";
    case InputFormat::sas7bdat: return "a SAS .sas7bdat file";
  }
  return "a CSV text file";
}

InputFormat input_format_for_path(const std::string& path) {
  const std::string name = lowercase(path);
  if (ends_with(name, ".sav")) return InputFormat::sav;
  if (ends_with(name, ".zsav")) return InputFormat::zsav;
  if (ends_with(name, ".dta")) return InputFormat::dta;
  if (ends_with(name, ".sas7bdat")) return InputFormat::sas7bdat;
  return InputFormat::csv;
}

bool same_input_family(InputFormat a, InputFormat b) {
  auto family = [](InputFormat f) { return f == InputFormat::zsav ? InputFormat::sav : f; };
  return family(a) == family(b);
}

// Magic numbers: SPSS "$FL2"/"$FL3" (zsav); Stata 117+ "<stata_dta>", Stata 102-115 a version
// byte, a byte order (1 or 2) and file type 1; SAS the 32-byte signature above.
std::optional<InputFormat> sniff_input_format(std::string_view first_bytes) {
  const std::string_view b = first_bytes;
  if (b.substr(0, 4) == "$FL2") return InputFormat::sav;
  if (b.substr(0, 4) == "$FL3") return InputFormat::zsav;
  if (b.substr(0, 11) == "<stata_dta>") return InputFormat::dta;
  if (b.size() >= 4) {
    const auto version = static_cast<unsigned char>(b[0]);
    const auto order = static_cast<unsigned char>(b[1]);
    if (version >= 102 && version <= 115 && (order == 1 || order == 2) && b[2] == 1)
      return InputFormat::dta;
  }
  if (b.size() >= kSasMagic.size() &&
      std::equal(kSasMagic.begin(), kSasMagic.end(), b.begin(),
                 [](unsigned char m, char c) { return m == static_cast<unsigned char>(c); }))
    return InputFormat::sas7bdat;
  if (!b.empty() && b.find('\0') == std::string_view::npos) return InputFormat::csv;
  return std::nullopt;
}

}  // namespace attune
