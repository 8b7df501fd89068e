#include "yaml_nesting.h"

#include <vector>

namespace attune {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }
bool flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// A line-by-line scan that follows YAML's lexical rules far enough to know what is quoted, what
// is a block scalar's text and what is structure. A quote opens a quoted scalar only where a
// node may start ("it's", "-'" and "a:'b" are plain text), "\"" and "''" stay inside their
// quotes, and the lines of a block scalar or of a multi-line plain scalar open nothing.
class Scan {
 public:
  std::optional<NestingPlace> run(std::string_view yaml) {
    std::size_t line_no = 0;
    while (!yaml.empty()) {
      std::size_t end = yaml.find('\n');
      std::string_view line = yaml.substr(0, end);
      yaml.remove_prefix(end == std::string_view::npos ? yaml.size() : end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (auto column = scan_line(line)) return NestingPlace{line_no + 1, *column};
      ++line_no;
    }
    return std::nullopt;
  }

 private:
  // The 1-based column where the line nests too deep, or nullopt.
  std::optional<std::size_t> scan_line(std::string_view line) {
    const std::size_t n = line.size();
    std::size_t indent = 0;
    while (indent < n && line[indent] == ' ') ++indent;
    std::size_t content = indent;
    while (content < n && blank(line[content])) ++content;
    const bool empty = content == n;
    if (literal_parent_) {
      if (empty || static_cast<long>(indent) > *literal_parent_) return std::nullopt;
      literal_parent_.reset();
    }
    if (quote_ || depth_ > 0) return scan_chars(line, quote_ ? 0 : content);   // inside a scalar or flow
    if (empty || line[content] == '#') return std::nullopt;                   // keeps plain_parent_
    if (indent == 0 && (line.starts_with("---") || line.starts_with("...")) &&
        (n == 3 || blank(line[3]))) {
      block_.clear();   // a new document
      plain_parent_.reset();
      node_col_ = 3;
      first_parent_ = -1;
      node_next_ = true;
      return scan_chars(line, 3);
    }
    if (plain_parent_ && static_cast<long>(indent) > *plain_parent_) {
      node_next_ = false;   // the next line of a multi-line plain scalar
      node_col_ = indent;
      return scan_chars(line, indent);
    }
    plain_parent_.reset();
    // Block structure: the line's first value opens a node at its column, closing the open ones
    // at or right of it; each further "- " (or "? ", ": ") on the line opens one more; the
    // value after the last one is that entry, not a deeper level.
    long marker = -1;
    std::size_t pos = indent;
    if (!open_block(indent)) return indent + 1;
    auto marker_at = [&](std::size_t p) {   // "- ", "? " or ": " (explicit key and value)
      return (line[p] == '-' || line[p] == '?' || line[p] == ':') && (p + 1 == n || blank(line[p + 1]));
    };
    while (marker_at(pos)) {
      marker = static_cast<long>(pos);
      ++pos;
      while (pos < n && blank(line[pos])) ++pos;
      if (pos == n || !marker_at(pos)) break;
      if (!open_block(pos)) return pos + 1;
    }
    node_col_ = pos;
    // A value first on its line holds what is indented past its "- ", else past itself (a
    // stricter reading than YAML's where the two differ: more of the file is scanned).
    first_parent_ = marker >= 0 ? marker : static_cast<long>(indent);
    node_next_ = true;
    return scan_chars(line, pos);
  }

  bool open_block(std::size_t column) {
    while (!block_.empty() && block_.back() >= column) block_.pop_back();
    block_.push_back(column);
    return block_.size() <= kMaxYamlNesting;
  }

  // Scans line[from..]: quotes, comments, flow brackets, indicators and plain tokens.
  std::optional<std::size_t> scan_chars(std::string_view line, std::size_t from) {
    const std::size_t n = line.size();
    token_ = 0;
    plain_value_ = false;
    for (std::size_t i = from; i < n; ++i) {
      const char c = line[i];
      if (quote_) {
        if (quote_ == '"' && c == '\\') {
          ++i;   // an escaped character (at the end of a line: a line continuation)
        } else if (c == quote_ && quote_ == '\'' && i + 1 < n && line[i + 1] == '\'') {
          ++i;   // '' is a quote inside a single-quoted scalar
        } else if (c == quote_) {
          quote_ = 0;
          node_next_ = false;
          closed_ = true;
        }
        continue;
      }
      if (blank(c)) {
        end_token();
        continue;
      }
      // A property (&anchor, !tag) ends where a flow collection starts: "!t[".
      if ((c == '[' || c == '{') && token_ > 0 && token_node_ && (first_ == '&' || first_ == '!')) end_token();
      const bool starts = token_ == 0;
      if (starts && c == '#' && (i == 0 || blank(line[i - 1]))) {
        plain_value_ = false;   // a comment ends a plain scalar
        break;
      }
      if (depth_ > 0 && c == ',') {
        node_next_ = true;
        closed_ = false;
        continue;
      }
      if ((c == '[' || c == '{') && (depth_ > 0 || (starts && node_next_))) {
        if (++depth_ > kMaxYamlNesting) return i + 1;
        node_next_ = true;
        token_ = 0;
        closed_ = plain_value_ = false;
        continue;
      }
      if ((c == ']' || c == '}') && depth_ > 0) {
        --depth_;
        node_next_ = false;
        token_ = 0;
        closed_ = true;
        continue;
      }
      if (c == ':' && (i + 1 == n || blank(line[i + 1]) ||
                       (depth_ > 0 && (flow_indicator(line[i + 1]) || (starts && closed_))))) {
        node_next_ = true;   // what came before was a key
        token_ = 0;
        closed_ = plain_value_ = false;
        continue;
      }
      if (starts && node_next_) {
        if (c == '"' || c == '\'') {
          quote_ = c;
          plain_value_ = false;
          continue;
        }
        if (depth_ == 0 && (c == '|' || c == '>')) {   // a block scalar: its lines are text
          literal_parent_ = i == node_col_ ? first_parent_ : static_cast<long>(node_col_);
          plain_value_ = false;
          return std::nullopt;
        }
        plain_value_ = true;   // unless end_token finds an indicator or a property
        token_first_ = i == node_col_;
      }
      if (starts) {
        first_ = c;
        token_node_ = node_next_;
      }
      ++token_;
      closed_ = false;
    }
    end_token();
    if (depth_ == 0 && !quote_ && plain_value_) {
      plain_parent_ = token_first_ ? first_parent_ : static_cast<long>(node_col_);
    }
    return std::nullopt;
  }

  // A plain token ended: "-" and "?" at a node's place and properties (&anchor, !tag) leave
  // room for a node; anything else was a plain scalar.
  void end_token() {
    if (token_ == 0) return;
    const bool indicator = token_ == 1 && (first_ == '-' || first_ == '?');
    if (token_node_ && (indicator || first_ == '&' || first_ == '!')) {
      plain_value_ = false;
    } else {
      node_next_ = false;
    }
    token_ = 0;
  }

  std::vector<std::size_t> block_;       // columns of the open block nodes, outermost first
  std::size_t depth_ = 0;                // open flow collections
  char quote_ = 0;                       // the open quoted scalar's quote, or 0
  std::optional<long> literal_parent_;   // in a block scalar: lines indented more are its text
  std::optional<long> plain_parent_;     // after a plain scalar: lines indented more continue it
  std::size_t node_col_ = 0;             // where the line's value starts (after "- " markers)
  long first_parent_ = -1;               // the indentation of the node holding that value
  bool node_next_ = true;                // a node may start at the next token
  bool closed_ = false;                  // a quoted scalar or flow collection just ended
  bool plain_value_ = false;             // the line's last node is a plain scalar
  bool token_first_ = false;             // ... and it is the line's value
  bool token_node_ = false;              // the current token started where a node may
  char first_ = 0;                       // the current token's first character
  std::size_t token_ = 0;                // characters in the current plain token
};

}  // namespace

std::optional<NestingPlace> find_deep_nesting(std::string_view yaml) { return Scan().run(yaml); }

}  // namespace attune
