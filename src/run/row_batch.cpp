// A batch of the score run's row loop (row_loop.h): clearing it, and the records copied into it.
#include "row_loop.h"

namespace attune::scoring {

void Batch::clear() {
  records = emitted = first_held = 0;
  excluded = 0;
  first_excluded.clear();
  empty = {};
  lead.clear();
  lead_length = 0;
  id_entries.clear();
  ids.clear();
  id_ends.clear();
  text.clear();
  field_ends.clear();
  field_columns.clear();
  field_line_offsets.clear();
  record_fields.clear();
  record_lines.clear();
  record_numbers.clear();
  out.clear();
}

void Batch::add(const Record& record) {
  for (std::size_t i = 0; i < record.size(); ++i) {
    text.append(record.fields[i]);
    field_ends.push_back(static_cast<std::uint32_t>(text.size()));
    field_line_offsets.push_back(static_cast<std::uint32_t>(record.lines[i] - record.line));
  }
  field_columns.insert(field_columns.end(), record.columns.begin(), record.columns.end());
  record_fields.push_back(static_cast<std::uint32_t>(record.size()));
  record_lines.push_back(record.line);
  record_numbers.push_back(record.number);
  ++records;
}

std::uint32_t Batch::rebuild(std::size_t r, std::size_t& field, std::uint32_t start, Record& record) const {
  const std::size_t n = record_fields[r];
  record.fields.resize(n);
  record.columns.resize(n);
  record.lines.resize(n);
  record.line = record_lines[r];
  record.number = record_numbers[r];
  for (std::size_t i = 0; i < n; ++i, ++field) {
    const std::uint32_t end = field_ends[field];
    record.fields[i] = std::string_view(text.data() + start, end - start);
    record.columns[i] = field_columns[field];
    record.lines[i] = record.line + field_line_offsets[field];
    start = end;
  }
  return start;
}

}  // namespace attune::scoring
