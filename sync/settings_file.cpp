#include "sync/settings_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace deskpane::sync::settings_file {

namespace {

// The blanks Boost's INI reader trims from names and values (std::isspace in
// the C locale). Trimming fewer here made a value read with a trailing "\v"
// differ from its line, and each save wrote the value over it once more.
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

Error ioError(const std::string& what, const std::string& path) {
  return Error{ErrorCode::Io, what + " " + path + ": " + std::strerror(errno)};
}

}  // namespace

Result<std::string> readText(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Error{ErrorCode::NotFound, path + ": no such file"};
    return ioError("cannot read", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return ioError("cannot read", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return ioError("cannot read", path);
  return ss.str();
}

Result<void> writeAtomically(const std::string& path, std::string_view text) {
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());  // mkstemp creates it 0600
  if (fd < 0) return ioError("cannot create a temp file for", path);
  const std::string tmp = name.data();
  auto fail = [&](const char* what) {
    Error e = ioError(what, tmp);
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  };
  if (::fchmod(fd, 0600) != 0) return fail("cannot chmod");
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot sync");
  int rc = ::close(fd);
  fd = -1;
  if (rc != 0) return fail("cannot close");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename over");
  return {};
}

int findKeyLine(std::string_view text, std::string_view section, std::string_view key) {
  std::string_view current;
  int lineNo = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++lineNo;
    line = trim(line);
    if (line.empty() || line[0] == ';' || line[0] == '#') continue;
    if (line[0] == '[') {
      auto close = line.find(']');
      current = trim(line.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    if (current == section && trim(line.substr(0, eq)) == key) return lineNo;
  }
  return 0;
}

std::string stripInlineComment(std::string_view value) {
  value = trim(value);
  if (!value.empty() && (value[0] == ';' || value[0] == '#')) return {};  // "key=   ; comment"
  for (std::size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == ';' || value[i] == '#') && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
      value = value.substr(0, i);
      break;
    }
  }
  return std::string(trim(value));
}

namespace {

// Where the value of a `key = value ; comment` line sits, as offsets into it.
struct KeyLine {
  std::string key;
  std::size_t valueStart = 0;    // after "=" and the blanks that follow it
  std::size_t valueEnd = 0;      // before the blanks that precede an inline comment (or the line end)
};

// The line without its end of line ("\n" or "\r\n").
std::string_view body(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<KeyLine> keyLine(std::string_view line) {
  const std::string_view b = body(line);
  const std::string_view t = trim(b);
  if (t.empty() || t[0] == ';' || t[0] == '#' || t[0] == '[') return std::nullopt;
  const auto eq = b.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  KeyLine k;
  k.key = std::string(trim(b.substr(0, eq)));
  k.valueStart = eq + 1;
  while (k.valueStart < b.size() && isBlank(b[k.valueStart])) ++k.valueStart;
  // The comment starts as stripInlineComment says: at a ';' or '#' that is
  // the first thing or follows a blank.
  std::size_t end = b.size();
  for (std::size_t i = k.valueStart; i < b.size(); ++i) {
    if ((b[i] == ';' || b[i] == '#') && (i == k.valueStart || b[i - 1] == ' ' || b[i - 1] == '\t')) {
      end = i;
      break;
    }
  }
  while (end > k.valueStart && isBlank(b[end - 1])) --end;
  k.valueEnd = end;
  return k;
}

std::optional<std::string> sectionOf(std::string_view line) {
  const std::string_view t = trim(body(line));
  if (t.empty() || t[0] != '[') return std::nullopt;
  const auto close = t.find(']');
  return std::string(trim(t.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1)));
}

}  // namespace

std::string updateIniText(std::string_view original, const std::vector<IniSection>& wanted) {
  std::string bom;
  if (original.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    bom = std::string(kUtf8Bom);
    original.remove_prefix(kUtf8Bom.size());
  }
  const std::string eol = original.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  std::map<std::string, std::map<std::string, std::string>, std::less<>> values;
  for (const auto& section : wanted)
    for (const auto& [key, value] : section.keys) values[section.name][key] = value;

  // The file as blocks: one per section, the top-level keys first.
  struct Block {
    std::string name;
    std::vector<std::string> lines;
    std::size_t afterLastKey = 0;  // where a new key goes: after the header or the last key line
  };
  std::vector<Block> blocks{Block{}};
  while (!original.empty()) {
    const auto nl = original.find('\n');
    const std::string_view line = original.substr(0, nl == std::string_view::npos ? original.size() : nl + 1);
    original.remove_prefix(line.size());
    Block& block = blocks.back();
    if (auto name = sectionOf(line)) {
      blocks.push_back(Block{*name, {std::string(line)}, 1});
      continue;
    }
    if (auto k = keyLine(line)) {
      const auto section = values.find(block.name);
      const auto want = section == values.end() ? nullptr : &section->second;
      const auto it = want ? want->find(k->key) : std::map<std::string, std::string>::iterator{};
      if (!want || it == want->end()) continue;  // no longer wanted: the line goes
      const std::string_view b = body(line);
      const std::string_view now = b.substr(k->valueStart, k->valueEnd - k->valueStart);
      std::string kept(line);
      // Values read with their comment (keys this version does not know)
      // come back whole; known ones come back without it.
      if (now != it->second && std::string(trim(b.substr(k->valueStart))) != it->second) {
        // A comment right after "=" ("view=;note") needs a blank once a
        // value stands before it, or it reads back as part of the value.
        std::string rest(b.substr(k->valueEnd));
        if (!rest.empty() && !it->second.empty() && !isBlank(rest[0])) rest.insert(0, " ");
        kept = std::string(b.substr(0, k->valueStart)) + it->second + rest + std::string(line.substr(b.size()));
      }
      want->erase(it);
      block.lines.push_back(std::move(kept));
      block.afterLastKey = block.lines.size();
      continue;
    }
    block.lines.push_back(std::string(line));
  }

  auto keyText = [&](const std::string& key, const std::string& value) { return key + "=" + value + eol; };
  std::string out = bom;
  std::set<std::string> seen;
  for (auto& block : blocks) {
    seen.insert(block.name);
    std::vector<std::string> added;
    const auto section = std::find_if(wanted.begin(), wanted.end(), [&](const IniSection& s) { return s.name == block.name; });
    if (section != wanted.end()) {
      auto& left = values[block.name];
      for (const auto& [key, value] : section->keys)
        if (left.count(key) != 0) added.push_back(keyText(key, value));
    }
    // The last key line may lack its end of line (the file's last line).
    if (!added.empty() && block.afterLastKey > 0) {
      auto& last = block.lines[block.afterLastKey - 1];
      if (last.empty() || last.back() != '\n') last += eol;
    }
    block.lines.insert(block.lines.begin() + static_cast<std::ptrdiff_t>(block.afterLastKey), added.begin(), added.end());
    for (const auto& line : block.lines) out += line;
  }
  for (const auto& section : wanted) {
    if (seen.count(section.name) != 0) continue;
    if (!out.empty() && out.size() > bom.size() && out.back() != '\n') out += eol;
    out += "[" + section.name + "]" + eol;
    for (const auto& [key, value] : section.keys) out += keyText(key, value);
  }
  return out;
}

}  // namespace deskpane::sync::settings_file
