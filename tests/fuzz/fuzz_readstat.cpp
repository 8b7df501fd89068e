// libFuzzer target: arbitrary bytes through ReadStatSource as SPSS, Stata and SAS, from memory
// (ReadStat's custom I/O handlers), with tiny chunks so re-parsing at row offsets is exercised.
// Any attune::Error is an accepted outcome; crashes, sanitizer reports and other exceptions
// are bugs. Seed corpus: tests/fuzz/corpus/readstat/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "attune/io/readstat_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  attune::ReadStatLimits limits;
  limits.chunk_cells = 7;
  limits.chunk_bytes = 256;
  limits.max_variables = 1000;
  for (attune::InputFormat format :
       {attune::InputFormat::sav, attune::InputFormat::dta, attune::InputFormat::sas7bdat}) {
    try {
      auto source = attune::ReadStatSource::from_bytes(bytes, "fuzz", format, limits);
      attune::Record record;
      std::size_t cells = 0;
      while (source->next(record))
        for (std::string_view field : record.fields) cells += field.size();
      for (const auto& variable : source->variables()) cells += variable.value_labels.size();
      if (cells == static_cast<std::size_t>(-1)) return 1;   // keeps the reads observable
    } catch (const attune::Error&) {
      // a clear error is the expected answer to bad input
    }
  }
  return 0;
}
