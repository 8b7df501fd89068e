#include "attune/instrument/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "attune/util/sha256.h"
#include "attune/util/text.h"
#include "sections.h"
#include "yaml_nesting.h"

namespace attune {

namespace {

constexpr std::size_t kMaxDefinitionBytes = 1u << 20;   // 1 MiB

// yaml-cpp parses recursively; refuse input that would make it recurse deeply before handing
// it over, so hostile files cost bounded time and stack (yaml_nesting says how depth is read).
std::optional<Problem> precheck(std::string_view yaml, const std::string& source) {
  if (yaml.size() > kMaxDefinitionBytes) {
    return Problem{{source}, fmt::format("definition is {} bytes; the limit is {} bytes", yaml.size(),
                                         kMaxDefinitionBytes)};
  }
  if (auto place = find_deep_nesting(yaml)) {
    return Problem{{source, place->line, place->column}, fmt::format("nesting deeper than {} levels", kMaxYamlNesting)};
  }
  return std::nullopt;
}

// Whether `text` is binary data rather than text: at least 1% of its bytes (of the first
// 64 KiB) are control bytes other than tab, LF and CR (NUL among them). A stray control byte or
// a Latin-1 letter in a text file does not make it binary: YAML's own errors report those.
bool is_binary(std::string_view text) {
  text = text.substr(0, 64u << 10);
  const auto controls = std::count_if(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
  });
  return static_cast<std::size_t>(controls) * 100 >= text.size() && controls > 0;
}

// yaml-cpp's message with any byte it quotes from the file that is not printable ASCII escaped.
std::string printable(std::string_view message) {
  std::string out;
  for (char c : message) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F) out += c;
    else out += fmt::format("\\x{:02X}", b);
  }
  return out;
}

// Reads a definition file, at most one byte past the size limit, so that an endless or huge
// file (/dev/zero, a sparse file) costs nothing: the text, or the problem that stops reading.
std::variant<std::string, Problem> read_definition(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Problem{{path}, std::string("cannot open: ") + std::strerror(errno)};
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) return Problem{{path}, "is a directory"};
  auto too_big = [&](std::string size) {
    return Problem{{path}, fmt::format("definition is {} bytes; the limit is {} bytes", size, kMaxDefinitionBytes)};
  };
  if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > kMaxDefinitionBytes)
    return too_big(std::to_string(info.st_size));
  std::string text(kMaxDefinitionBytes + 1, '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Problem{{path}, std::string("cannot read: ") + std::strerror(errno)};
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > kMaxDefinitionBytes) return too_big(fmt::format("more than {}", kMaxDefinitionBytes));
  text.resize(got);
  return text;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
           c == '-' || c == '_';
  });
}

// Where `node` starts in `source`, 1-based.
SourceLocation location_of(const std::string& source, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return {source, static_cast<std::size_t>(mark.line + 1), static_cast<std::size_t>(mark.column + 1)};
}

// Reads the definition into `instrument`; what a private definition may leave out (version,
// citation) goes to `warnings`, every other problem to the reader.
void read_root(yaml_fields::Reader& reader, const YAML::Node& root, Instrument& instrument,
               const std::string& source, std::vector<Problem>& warnings) {
  if (!reader.expect_map(root, "an instrument definition")) return;
  reader.check_keys(root, "the definition",
                    {"id", "name", "version", "citation", "notes", "response", "items", "scales",
                     "computed", "classification", "attention_checks", "domains"});
  if (auto id = reader.text(root, "id", true)) {
    instrument.id = *id;
    if (!valid_id(*id)) {
      reader.problem(root["id"], fmt::format("id '{}' must be lowercase letters, digits, '-' or '_'",
                                             yaml_fields::excerpt(*id)));
    }
  }
  if (auto name = reader.text(root, "name", true)) instrument.name = *name;
  if (auto version = reader.text(root, "version", false)) instrument.version = *version;
  if (!root["version"]) {
    warnings.push_back({location_of(source, root), "no 'version' (the definition's own version, shown by describe and in "
                                                   "score's provenance columns): give one before you share the definition"});
  }
  if (auto notes = reader.text(root, "notes", false)) instrument.notes = *notes;
  if (root["citation"]) {
    instrument.citation = sections::read_citation(reader, root["citation"]);
  } else {
    warnings.push_back({location_of(source, root), "no 'citation' (the publication the key comes from): give one "
                                                   "before you share the definition"});
  }
  if (root["response"]) {
    sections::read_response(reader, root["response"], instrument.response);
  } else {
    reader.problem(root, "missing required key 'response' (the response scale: min, max)");
  }
  if (root["domains"]) sections::read_domains(reader, root["domains"], instrument);
  if (root["items"]) {
    sections::read_items(reader, root["items"], instrument);
  } else {
    reader.problem(root, "missing required key 'items'");
  }
  if (root["scales"]) {
    sections::read_scales(reader, root["scales"], instrument);
  } else {
    reader.problem(root, "missing required key 'scales'");
  }
  if (root["computed"]) sections::read_computed(reader, root["computed"], instrument);
  if (root["classification"]) sections::read_classification(reader, root["classification"], instrument);
  if (root["attention_checks"]) sections::read_attention_checks(reader, root["attention_checks"], instrument);
}

}  // namespace

namespace {

// Notes where the first value that is not null starts in a YAML document (events only; no nodes).
class FirstValue : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> mark;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& at, YAML::anchor_t) override { note(at); }
  void OnScalar(const YAML::Mark& at, const std::string&, YAML::anchor_t, const std::string&) override { note(at); }
  void OnSequenceStart(const YAML::Mark& at, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(at);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& at, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(at);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& at) {
    if (!mark) mark = at;
  }
};

// Notes every scalar that starts "TODO" (what attune init leaves for the user to fill), from
// the parser's events: aliases are not followed, so an alias bomb costs its text's length.
class TodoValues : public YAML::EventHandler {
 public:
  std::vector<std::pair<YAML::Mark, std::string>> found;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark& at, const std::string&, YAML::anchor_t, const std::string& value) override {
    if (value.starts_with("TODO")) found.emplace_back(at, value);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Warns of every value of the (first) document that starts "TODO".
void warn_of_todos(std::string_view yaml, const std::string& source, std::vector<Problem>& warnings) {
  if (yaml.find("TODO") == std::string_view::npos) return;   // no value can start with it: not parsed again
  std::istringstream in{std::string(yaml)};
  YAML::Parser parser(in);
  TodoValues todos;
  parser.HandleNextDocument(todos);
  for (const auto& [at, value] : todos.found) {
    warnings.push_back({{source, static_cast<std::size_t>(at.line + 1), static_cast<std::size_t>(at.column + 1)},
                        fmt::format("left to fill: {}", show_text(value, 80))});
  }
}

// Where a second document with a value begins, if `yaml` has one. Documents are walked one by
// one and at most kMaxDocuments of them: yaml-cpp's LoadAll never ends on some damaged input
// (an 8-byte file found by fuzzing), and empty documents (a trailing ---) are allowed.
std::optional<YAML::Mark> second_document(std::string_view yaml) {
  // Every document after the first starts with a line beginning "---" or follows one beginning
  // "..." (YAML 1.2, 9.2): without such a line there is none, and the text is not parsed again.
  bool marker = yaml.starts_with("---") || yaml.starts_with("...");
  for (std::size_t at = yaml.find('\n'); !marker && at != std::string_view::npos; at = yaml.find('\n', at + 1)) {
    const std::string_view rest = yaml.substr(at + 1);
    marker = rest.starts_with("---") || rest.starts_with("...");
  }
  if (!marker) return std::nullopt;
  constexpr int kMaxDocuments = 64;
  std::istringstream in{std::string(yaml)};
  YAML::Parser parser(in);
  for (int document = 0; document < kMaxDocuments; ++document) {
    FirstValue first;
    if (!parser.HandleNextDocument(first)) return std::nullopt;
    if (document > 0 && first.mark) return first.mark;
  }
  return std::nullopt;
}

}  // namespace

CheckResult check_instrument_text(std::string_view yaml, const std::string& source) {
  CheckResult result;
  if (auto problem = precheck(yaml, source)) {
    result.problems.push_back(*problem);
    return result;
  }
  if (is_binary(yaml)) {
    result.problems.push_back({{source}, "is not a YAML definition: it holds binary data, not text"});
    return result;
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
    // A definition is one document: a second would be ignored, and with it what it says.
    if (auto second = second_document(yaml)) {
      result.problems.push_back(
          {SourceLocation{source, static_cast<std::size_t>(second->line + 1), static_cast<std::size_t>(second->column + 1)},
           "a second YAML document: a definition is one document (put each definition in a file of its own)"});
      return result;
    }
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (500 levels): the hard bound should the pre-check ever misread a file.
    result.problems.push_back({{source, static_cast<std::size_t>(e.mark.line + 1),
                                static_cast<std::size_t>(e.mark.column + 1)},
                               fmt::format("nesting deeper than {} levels", kMaxYamlNesting)});
    return result;
  } catch (const YAML::Exception& e) {
    result.problems.push_back({{source, static_cast<std::size_t>(e.mark.line + 1),
                                static_cast<std::size_t>(e.mark.column + 1)},
                               "YAML syntax error: " + printable(e.msg)});
    return result;
  }
  Instrument instrument;
  instrument.source = source;
  instrument.sha256 = sha256_hex(yaml);
  yaml_fields::Reader reader(source, result.problems);
  try {
    read_root(reader, root, instrument, source, result.warnings);
    warn_of_todos(yaml, source, result.warnings);
  } catch (const YAML::Exception& e) {
    result.problems.push_back({{source, static_cast<std::size_t>(e.mark.line + 1),
                                static_cast<std::size_t>(e.mark.column + 1)},
                               "malformed definition: " + e.msg});
  }
  std::stable_sort(result.problems.begin(), result.problems.end(), [](const Problem& a, const Problem& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  if (result.problems.empty()) result.instrument = std::move(instrument);
  return result;
}

CheckResult check_instrument_file(const std::string& path) {
  auto text = read_definition(path);
  if (auto* problem = std::get_if<Problem>(&text)) {
    CheckResult result;
    result.problems.push_back(std::move(*problem));
    return result;
  }
  CheckResult result = check_instrument_text(std::get<std::string>(text), path);
  // The registry finds a definition by its file name: an id that differs is found under the other name.
  const std::string stem = std::filesystem::path(path).stem().string();
  if (result.instrument && result.instrument->id != stem) {
    result.warnings.push_back({{path}, fmt::format("id '{}' differs from the file name '{}': on the search path this "
                                                   "definition is found as '{}' but reports itself as '{}'; rename "
                                                   "one of them",
                                                   result.instrument->id, std::filesystem::path(path).filename().string(),
                                                   stem, result.instrument->id)});
  }
  return result;
}

static Instrument load_checked(CheckResult result) {
  if (result.instrument) return std::move(*result.instrument);
  const Problem& first = result.problems.front();
  std::string more = result.problems.size() > 1
                         ? fmt::format("and {} more problem(s); ", result.problems.size() - 1)
                         : std::string();
  throw definition_error(first.where, first.message,
                         more + "run 'attune check " + first.where.file + "' to list every problem");
}

Instrument load_instrument_file(const std::string& path) { return load_checked(check_instrument_file(path)); }

Instrument load_instrument_text(std::string_view yaml, const std::string& source) {
  return load_checked(check_instrument_text(yaml, source));
}

}  // namespace attune
