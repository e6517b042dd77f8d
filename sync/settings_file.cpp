#include "sync/settings_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace deskpane::sync::settings_file {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
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

}  // namespace deskpane::sync::settings_file
