// ReadStatSource: reading its input at a position, progress, and what it says when the input
// is not whole or not what its format says (the parse itself is in readstat_source.cpp).
#include <unistd.h>
#include <readstat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "attune/io/readstat_source.h"
#include "sav_cases.h"

namespace attune {

std::size_t ReadStatSource::read_at(std::uint64_t offset, char* buffer, std::size_t bytes) const {
  if (offset >= total_bytes_) return 0;
  bytes = static_cast<std::size_t>(std::min<std::uint64_t>(bytes, total_bytes_ - offset));
  if (fd_ < 0) {
    std::memcpy(buffer, memory_.data() + offset, bytes);
    return bytes;
  }
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t got = ::pread(fd_, buffer + done, bytes - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw io_error({name_}, fmt::format("read failed: {}", std::strerror(errno)));
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

void ReadStatSource::check_whole(std::uint64_t cases) const {
  // A declared count is checked by ReadStat (a row count mismatch); .zsav blocks by zlib.
  if (declared_cases_ >= 0 || !same_input_family(format_, InputFormat::sav) || binary_compressed_) return;
  const ReadAt read = [this](std::uint64_t offset, char* buffer, std::size_t bytes) {
    return read_at(offset, buffer, bytes);
  };
  const SavLayout layout = read_sav_layout(read, row_compressed_, big_endian_);
  if (auto problem = sav_data_problem(read, data_start_, total_bytes_, layout, cases))
    throw data_error({name_}, *problem, "export it again from the program that made it");
}

void ReadStatSource::fail(int code, const std::string& detail) const {
  const std::string_view wanted = input_format_description(format_);
  const auto status = static_cast<readstat_error_t>(code);
  char head[32];
  const std::optional<InputFormat> actual = sniff_input_format(std::string_view(head, read_at(0, head, sizeof head)));
  if (actual && !same_input_family(*actual, format_)) {
    const std::string hint =
        *actual == InputFormat::csv
            ? std::string("give it a .csv extension or pass --input-format csv")
            : fmt::format("give it a .{0} extension or pass --input-format {0}",
                          input_format_name(*actual));
    throw data_error({name_}, fmt::format("is not {}: it looks like {}", wanted,
                                          input_format_description(*actual)),
                     hint);
  }
  if (total_bytes_ == 0)
    throw data_error({name_}, fmt::format("is empty, not {}", wanted),
                     "check that the file was fully saved or copied");
  std::string message =
      actual ? fmt::format("cannot be read as {}: {}", wanted, readstat_error_message(status))
             : fmt::format("is not {}: its first bytes are not in any format attune reads ({})",
                           wanted, readstat_error_message(status));
  // ReadStat's own detail, unless it only repeats the status with an errno of 0.
  if (!detail.empty() && detail.find("errno") == std::string::npos)
    message += fmt::format(" ({})", detail);
  if (cases_done_ > 0) message += fmt::format(" after case {}", cases_done_);
  throw data_error({name_}, message,
                   "the file may be truncated or damaged; export it again from the program "
                   "that made it");
}


std::uint64_t ReadStatSource::bytes_read() const {
  const std::uint64_t delivered = cases_done_ + chunk_pos_;
  if (header_sent_ && !more_cases_ && chunk_pos_ == chunk_cases_) return total_bytes_;
  if (declared_cases_ <= 0) return 0;
  return total_bytes_ * delivered / static_cast<std::uint64_t>(declared_cases_);
}

}  // namespace attune
