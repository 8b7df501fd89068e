// Private to src/io: the temporary files of output sinks not yet committed, kept where a
// signal handler can remove them (include/attune/io/output_sink.h: remove_pending_outputs).
#pragma once

namespace attune::pending_outputs {

// Records a temporary file's path; returns its slot, or -1 when the path is too long or every
// slot is taken (the file is then only removed by its sink, not on a signal).
int add(const char* path) noexcept;

// Forgets a slot returned by add (after the file was renamed or removed); -1 is ignored.
void remove(int slot) noexcept;

}  // namespace attune::pending_outputs
