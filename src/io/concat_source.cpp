#include "attune/io/concat_source.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "attune/util/text.h"

namespace attune {

SourceLocation ChainLines::locate(const SourceLocation& at) const {
  if (at.file != name_ || at.line == 0 || parts_.empty()) return at;
  const Part* part = &parts_.front();
  for (const Part& p : parts_) {
    if (p.offset < at.line) part = &p;
  }
  return {part->file, static_cast<std::size_t>(at.line - part->offset), at.column};
}

ConcatSource::ConcatSource(std::vector<std::unique_ptr<RecordSource>> sources, std::string source_column)
    : sources_(std::move(sources)), source_column_(std::move(source_column)) {
  if (sources_.empty()) throw std::logic_error("a chain of no inputs");
  lines_ = std::make_shared<ChainLines>(sources_.front()->name());
  lines_->add(sources_.front()->name(), 0);
  header_taken_.assign(sources_.size(), 0);
  header_end_.assign(sources_.size(), 0);
}

void ConcatSource::check_header(const Record& record) const {
  const std::string& file = sources_[at_]->name();
  const std::string& first = sources_.front()->name();
  const std::size_t shared = std::min(header_.size(), record.size());
  for (std::size_t i = 0; i <= shared; ++i) {
    if (i == shared && header_.size() == record.size()) return;
    const std::string there = i < header_.size() ? show_text(header_[i]) : "nothing (it ends there)";
    const std::string here = i < record.size() ? show_text(std::string(record.fields[i])) : "nothing (it ends there)";
    if (i < shared && header_[i] == record.fields[i]) continue;
    throw data_error(record.where(file, i),
                     fmt::format("the header differs from the first file's ({}): column {} is {} there and {} here",
                                 first, i + 1, there, here),
                     "several files are read as one data set only when their headers are the same; "
                     "score them one at a time, or make the headers equal");
  }
}

void ConcatSource::add_source_field(Record& record, const std::string& value) const {
  record.fields.emplace_back(value);
  record.columns.push_back(0);
  record.lines.push_back(record.line);
}

bool ConcatSource::next(Record& record) {
  for (;;) {
    RecordSource& source = *sources_[at_];
    if (!source.next(record)) {
      if (at_ == 0 && !header_read_) return false;   // an empty first file: the reader says so
      if (!header_read_) {
        throw data_error({source.name()}, "is empty: it has no header row",
                         fmt::format("every file must start with the header of the first ({})",
                                     sources_.front()->name()));
      }
      if (at_ + 1 == sources_.size()) return false;
      done_bytes_ += source.bytes_read();
      ++at_;
      line_offset_ = last_line_;
      number_offset_ = last_number_ > 0 ? last_number_ - 1 : 0;
      if (files_in_lines_ <= at_) {
        lines_->add(sources_[at_]->name(), line_offset_);
        files_in_lines_ = at_ + 1;
      }
      header_read_ = header_taken_[at_] != 0;   // its header was read before it was started again
      if (header_read_) last_line_ = std::max(last_line_, line_offset_ + header_end_[at_]);
      continue;
    }
    if (!header_read_) {
      header_read_ = true;
      if (at_ == 0) {
        for (auto field : record.fields) header_.emplace_back(field);
        if (!source_column_.empty()) {
          if (std::find(header_.begin(), header_.end(), source_column_) != header_.end()) {
            throw usage_error(fmt::format("--source-column {}: {} already has a column of that name",
                                          show_text(source_column_), source.name()),
                              "give --source-column another name");
          }
          add_source_field(record, source_column_);
        }
        last_line_ = std::max(last_line_, record.lines.empty() ? record.line : record.lines.back());
        last_number_ = record.number;
        first_header_line_ = last_line_;
        first_header_number_ = last_number_;
        return true;
      }
      check_header(record);
      header_end_[at_] = record.lines.empty() ? record.line : record.lines.back();
      last_line_ = std::max(last_line_, line_offset_ + (record.lines.empty() ? record.line : record.lines.back()));
      continue;
    }
    record.line += line_offset_;
    for (auto& line : record.lines) line += line_offset_;
    record.number += number_offset_;
    last_line_ = std::max(last_line_, record.lines.empty() ? record.line : record.lines.back());
    last_number_ = record.number;
    // A record of empty cells stays one (a line of delimiters alone is no respondent): its file cell too.
    if (!source_column_.empty()) {
      add_source_field(record, record.blank() ? empty_ : source.name());
    }
    return true;
  }
}

bool ConcatSource::rewind() {
  if (at_ == 0 && !header_read_) return false;   // the header comes first
  Record record;
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    const bool has_header = i < at_ || (i == at_ && header_read_) || header_taken_[i];
    if (!has_header) {   // a file not reached yet: its header now, checked as when it is reached
      if (!sources_[i]->next(record)) {
        throw data_error({sources_[i]->name()}, "is empty: it has no header row",
                         fmt::format("every file must start with the header of the first ({})",
                                     sources_.front()->name()));
      }
      const std::size_t reading = at_;
      at_ = i;
      check_header(record);
      at_ = reading;
      header_end_[i] = record.lines.empty() ? record.line : record.lines.back();
      header_taken_[i] = 1;
    }
    if (!sources_[i]->rewind()) return false;
    if (i > 0) header_taken_[i] = 1;
  }
  at_ = 0;
  header_read_ = true;
  line_offset_ = number_offset_ = done_bytes_ = 0;
  last_line_ = first_header_line_;
  last_number_ = first_header_number_;
  return true;
}

std::uint64_t ConcatSource::bytes_read() const { return done_bytes_ + sources_[at_]->bytes_read(); }

std::uint64_t ConcatSource::total_bytes() const {
  std::uint64_t total = 0;
  for (const auto& source : sources_) {
    if (source->total_bytes() == 0) return 0;
    total += source->total_bytes();
  }
  return total;
}

bool ConcatSource::delimited_text() const {
  return std::all_of(sources_.begin(), sources_.end(), [](const auto& source) { return source->delimited_text(); });
}

}  // namespace attune
