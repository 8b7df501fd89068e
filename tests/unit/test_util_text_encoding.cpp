#include <doctest/doctest.h>

#include <string>

#include "attune/util/text_encoding.h"

using namespace attune;

TEST_CASE("invalid_utf8_at follows RFC 3629") {
  const auto npos = std::string_view::npos;
  CHECK(invalid_utf8_at("plain") == npos);
  CHECK(invalid_utf8_at("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == npos);
  CHECK(invalid_utf8_at("caf\xE9") == 3);              // Latin-1
  CHECK(invalid_utf8_at("\xC0\xAF") == 0);             // overlong '/'
  CHECK(invalid_utf8_at("\xE0\x80\xAF") == 0);         // overlong, three bytes
  CHECK(invalid_utf8_at("a\xED\xA0\x80") == 1);        // a surrogate
  CHECK(invalid_utf8_at("\xF4\x90\x80\x80") == 0);     // above U+10FFFF
  CHECK(invalid_utf8_at("ab\xC3") == 2);               // cut short
  CHECK(invalid_utf8_at("\x80") == 0);                 // a continuation byte alone
}

TEST_CASE("Latin-1 maps bytes to U+0000..U+00FF; Windows-1252 differs in 0x80..0x9F") {
  std::string out;
  append_as_utf8(out, "K\xF6ln \x80\x93\x81", TextEncoding::latin1);
  CHECK(out == "K\xC3\xB6ln \xC2\x80\xC2\x93\xC2\x81");
  out.clear();
  append_as_utf8(out, "K\xF6ln \x80\x93\x81\x9F", TextEncoding::cp1252);
  CHECK(out == "K\xC3\xB6ln \xE2\x82\xAC\xE2\x80\x9C\xC2\x81\xC5\xB8");   // €, “, U+0081 (undefined), Ÿ
  out.clear();
  append_as_utf8(out, "as is \xFF", TextEncoding::utf8);
  CHECK(out == "as is \xFF");
}

TEST_CASE("encodings by name") {
  CHECK(text_encoding_named("UTF-8") == TextEncoding::utf8);
  CHECK(text_encoding_named("latin1") == TextEncoding::latin1);
  CHECK(text_encoding_named("ISO-8859-1") == TextEncoding::latin1);
  CHECK(text_encoding_named("Windows-1252") == TextEncoding::cp1252);
  CHECK_FALSE(text_encoding_named("koi8-r"));
  CHECK(has_non_ascii("a\x80"));
  CHECK_FALSE(has_non_ascii("abc"));
}
