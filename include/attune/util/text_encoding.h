// Character encodings of text input: checking UTF-8, and reading Latin-1 or Windows-1252 bytes
// as UTF-8. Knows nothing of attune.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

// The encoding text bytes are read in.
enum class TextEncoding { utf8, latin1, cp1252 };

// The encoding called `name` (utf-8/utf8, latin1/latin-1/iso-8859-1, cp1252/windows-1252; any
// case), or nothing.
std::optional<TextEncoding> text_encoding_named(std::string_view name);

// Whether `text` has a byte above 0x7F (ASCII text is the same in all three encodings).
bool has_non_ascii(std::string_view text);

// The offset of the first byte of `text` that does not begin a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF), or npos.
std::size_t invalid_utf8_at(std::string_view text);

// Appends `bytes`, read in `from`, to `out` as UTF-8 (from utf8: as they are).
void append_as_utf8(std::string& out, std::string_view bytes, TextEncoding from);

}  // namespace attune
