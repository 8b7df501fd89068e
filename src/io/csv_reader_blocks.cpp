// CsvReader's blocks for worker threads: cutting them from the input, and parsing one block.
#include "attune/io/csv_reader.h"

#include <algorithm>
#include <stdexcept>

#include "csv_block_bytes.h"

namespace attune {

CsvReader::BlockRead CsvReader::next_block(CsvBlock& block, std::size_t bytes) {
  if (delimiter_ == 0) throw std::logic_error("CsvReader::next_block before the header");
  // A file's blocks are cut from the larger buffer; growing it keeps its bytes and the sentinel
  // after them. A text in memory (from_string) is in its buffer whole already.
  if (fd_ >= 0 && buffer_.size() < kBlockBytes + 1) buffer_.resize(kBlockBytes + 1);
  const std::size_t window = std::min(2 * bytes, kBlockBytes / 2);   // fill() never grows the buffer for it
  bytes = window / 2;
  while (end_ - pos_ < window && fill()) {
  }
  if (pos_ == end_) return BlockRead::end;
  // cut_records scans what it is given: only the window, so each call costs O(window).
  const std::size_t ahead = std::min(end_ - pos_, window);
  const RecordCut cut =
      cut_records(std::string_view(buffer_.data() + pos_, ahead), bytes, eof_ && ahead == end_ - pos_);
  if (cut.end == 0) return BlockRead::long_record;   // no record ends in a whole window
  block.text.assign(buffer_.data() + pos_, cut.end);
  block.first_line = line_;
  block.first_record = records_ + 1;
  block.records = cut.records;
  pos_ += cut.end;
  line_start_ = pos_;
  line_ += cut.lines;
  records_ += cut.records;
  return BlockRead::block;
}

std::unique_ptr<CsvReader> CsvReader::block_parser(std::string name, CsvOptions options) {
  if (options.delimiter == 0) throw std::logic_error("CsvReader::block_parser without a delimiter");
  std::unique_ptr<CsvReader> reader(new CsvReader(Named{}, std::move(name), options));
  reader->use_delimiter(options.delimiter);
  reader->buffer_.assign(1, '\n');
  reader->eof_ = true;
  return reader;
}

std::unique_ptr<PlainText> CsvReader::block_reader() const {
  CsvOptions options = options_;
  options.delimiter = delimiter_;
  return block_parser(name_, options);
}

void CsvReader::parse_block(CsvBlock& block) {
  buffer_.swap(block.text);
  block.text.clear();
  end_ = buffer_.size();
  buffer_.push_back('\n');   // the sentinel
  pos_ = line_start_ = 0;
  line_ = block.first_line;
  records_ = block.first_record - 1;
  total_ = consumed_ = end_;
}

}  // namespace attune
