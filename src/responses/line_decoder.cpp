#include "responses/line_decoder.h"

#include "attune/util/simd_level.h"

namespace attune {

LineDecoder::LineDecoder(const std::vector<std::int32_t>& roles, unsigned answers, const LikertCoding& coding)
    : coding_(coding) {
  plan_.fields = roles.size();
  for (std::size_t f = 0; f < roles.size(); ++f) {
    if (roles[f] >= 0) {
      const auto slot = static_cast<std::size_t>(roles[f]);
      if (plan_.item_fields.size() <= slot) plan_.item_fields.resize(slot + 1, UINT32_MAX);
      plan_.item_fields[slot] = static_cast<std::uint32_t>(f);
    } else if (roles[f] < -1) {
      plan_.texts.emplace_back(static_cast<std::uint32_t>(-2 - roles[f]), static_cast<std::uint32_t>(f));
    }
  }
  plan_.items = plan_.item_fields.size();
  plan_.consecutive = plan_.items > 0;
  for (std::size_t j = 0; j < plan_.items; ++j)
    plan_.consecutive = plan_.consecutive && plan_.item_fields[j] == plan_.item_fields[0] + j;
  if (plan_.items > 0) plan_.first_item = plan_.item_fields[0];
  usable_ = plan_.fields > 0;
  for (std::uint32_t field : plan_.item_fields) usable_ = usable_ && field != UINT32_MAX;
  for (unsigned d = 0; d < 16; ++d) {
    std::uint8_t code = 0xFF;
    plan_.digit_codes[d] = d <= 9 && (answers >> d & 1u) && coding.encode(d, code) ? code : std::uint8_t{0xFF};
  }
}

bool LineDecoder::available() { return simd_level() >= SimdLevel::avx512_vbmi2; }

bool LineDecoder::decode(std::string_view line, char delimiter, std::uint8_t* codes, std::string_view* texts) const {
  return usable_ && line_decoder::decode_avx512(plan_, line.data(), line.size(), delimiter, codes, texts);
}

}  // namespace attune
