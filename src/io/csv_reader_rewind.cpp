// CsvReader's second pass: where its first record starts, and going back there (rewind), so
// that a run needing two passes (quality's sample statistics) reads a file twice instead of
// holding its rows.
#include "attune/io/csv_reader.h"

#include <sys/stat.h>
#include <unistd.h>

namespace attune {

void CsvReader::remember_first_record() {
  first_.known = true;
  first_.line = line_;
  first_.pos = pos_;
  first_.consumed = consumed_ - (end_ - pos_);
  struct stat info {};
  if (fd_ >= 0 && ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode)) {
    const off_t at = ::lseek(fd_, 0, SEEK_CUR);   // just after the bytes in the buffer
    if (at >= 0) first_.offset = static_cast<std::int64_t>(at) - static_cast<std::int64_t>(end_ - pos_);
  }
}

bool CsvReader::rewind() {
  if (!first_.known) return false;
  if (fd_ < 0) {
    if (!eof_) return false;   // a block reader's text is not its own to go back over
    pos_ = line_start_ = first_.pos;   // an in-memory text never moves in the buffer
  } else {
    if (first_.offset < 0 || ::lseek(fd_, first_.offset, SEEK_SET) != first_.offset) return false;
    pos_ = end_ = line_start_ = 0;
    eof_ = false;
    buffer_[end_] = '\n';
  }
  line_ = first_.line;
  records_ = 1;
  consumed_ = first_.consumed;
  return true;
}

}  // namespace attune
