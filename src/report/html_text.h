// Small pieces of the HTML report's text: escaping, numbers, tables. Private to src/report/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attune::report {

// `text` safe as HTML/XML character data or attribute value: controls and bytes that are not
// UTF-8 shown escaped (util/text's escape_controls), then & < > " ' as character references.
std::string escape(std::string_view text);

// `value` with `decimals` decimals, or "NA" when it is not finite.
std::string number(double value, int decimals);

// A whole count with thin grouping ("1,000,000").
std::string count(std::uint64_t value);

// `part` of `whole` as a percentage with one decimal ("12.5%"), or "NA" when whole is 0.
std::string percent(std::uint64_t part, std::uint64_t whole);

// A table: a caption, column headings, and rows whose first cell is the row's heading. Cells
// are text (escaped when written); `numeric` columns align right.
struct Table {
  std::string id, caption;
  std::vector<std::string> headings;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  // The table as HTML.
  std::string html() const;
};

}  // namespace attune::report
