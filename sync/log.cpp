#include "sync/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <regex>

namespace deskpane::sync {

namespace {

constexpr const char* kRedacted = "[redacted]";

// The names under which tokens and passwords travel in OAuth bodies, query
// strings and settings; matched case-insensitively as whole words.
constexpr const char* kSecretKeys = "access_token|refresh_token|id_token|client_secret|device_code|password|passwd";

struct Scrubber {
  // JSON members first ("refresh_token": "…"), so that a quoted value is
  // replaced whole; then header lines, bearer tokens, key=value and key: value.
  std::regex json{std::string(R"re(("(?:)re") + kSecretKeys + R"re()"\s*:\s*)"(?:[^"\\]|\\.)*")re",
                  std::regex::icase | std::regex::ECMAScript};
  std::regex header{R"re(\b((?:proxy-)?authorization["']?\s*[:=]\s*)("[^"]*"|[^\r\n]*))re",
                    std::regex::icase | std::regex::ECMAScript};
  std::regex bearer{R"re(\b(bearer\s+)[A-Za-z0-9._~+/=-]+)re", std::regex::icase | std::regex::ECMAScript};
  std::regex pair{std::string(R"re(\b((?:)re") + kSecretKeys + R"re()\s*[=:]\s*)[^&\s"',;]+)re",
                  std::regex::icase | std::regex::ECMAScript};
  // https://user:password@host: a site URL typed with its credentials.
  std::regex userinfo{R"re((://[^/@\s:]+:)[^/@\s]+@)re", std::regex::ECMAScript};
};

void makePrivateDirs(const std::string& dir) {
  // Each missing folder is created 0700; the log's own folder is made 0700
  // even if it existed, since the log names the user's sites and lists.
  std::string partial;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = dir.find('/', pos + 1);
    partial = dir.substr(0, pos);
    if (!partial.empty()) ::mkdir(partial.c_str(), 0700);
  }
  ::chmod(dir.c_str(), 0700);
}

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  localtime_r(&t, &tm);
  char date[32], zone[8];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  std::strftime(zone, sizeof zone, "%z", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%03d%s", date, static_cast<int>(ms), zone);
  return out;
}

}  // namespace

std::string_view logLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "DEBUG";
    case LogLevel::Info: return "INFO";
    case LogLevel::Warn: return "WARN";
    case LogLevel::Error: return "ERROR";
  }
  return "?";
}

std::string scrubSecrets(std::string_view text) {
  static const Scrubber s;  // compiled once; std::regex is safe to share for matching
  std::string out(text);
  out = std::regex_replace(out, s.json, std::string("$1\"") + kRedacted + "\"");
  out = std::regex_replace(out, s.header, std::string("$1") + kRedacted);
  out = std::regex_replace(out, s.bearer, std::string("$1") + kRedacted);
  out = std::regex_replace(out, s.pair, std::string("$1") + kRedacted);
  out = std::regex_replace(out, s.userinfo, std::string("$1") + kRedacted + "@");
  return out;
}

Logger::~Logger() { closeFile(); }

void Logger::closeFile() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  size_ = 0;
}

std::string Logger::open(LogOptions options) {
  std::lock_guard<std::mutex> lock(mutex_);
  closeFile();
  options_ = std::move(options);
  if (options_.path.empty()) return {};
  if (const auto slash = options_.path.rfind('/'); slash != std::string::npos && slash > 0)
    makePrivateDirs(options_.path.substr(0, slash));
  const int fd = ::open(options_.path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return options_.path + ": " + std::strerror(errno);
  ::fchmod(fd, 0600);  // a file left by an older build or another umask
  struct stat st {};
  if (::fstat(fd, &st) == 0) size_ = static_cast<std::size_t>(st.st_size);
  file_ = ::fdopen(fd, "a");
  if (!file_) {
    ::close(fd);
    return options_.path + ": " + std::strerror(errno);
  }
  return {};
}

void Logger::rotate() {
  closeFile();
  const std::string& p = options_.path;
  if (options_.keepOld <= 0) {
    ::unlink(p.c_str());
  } else {
    ::unlink((p + "." + std::to_string(options_.keepOld)).c_str());
    for (int i = options_.keepOld - 1; i >= 1; --i)
      ::rename((p + "." + std::to_string(i)).c_str(), (p + "." + std::to_string(i + 1)).c_str());
    ::rename(p.c_str(), (p + ".1").c_str());
  }
  const int fd = ::open(p.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return;
  file_ = ::fdopen(fd, "a");
  if (!file_) ::close(fd);
}

void Logger::write(LogLevel level, std::string_view component, std::string_view message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (level < options_.minLevel || (!file_ && !options_.toStderr)) return;
  // Scrubbed while header lines still end where they did; then one event,
  // one line, so a server's multi-line error stays greppable.
  std::string text = scrubSecrets(message);
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  const std::string line =
      timestamp() + " " + std::string(logLevelName(level)) + " " + std::string(component) + ": " + text + "\n";
  if (options_.toStderr) {
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }
  if (!file_) return;
  if (size_ > 0 && size_ + line.size() > options_.maxBytes) rotate();
  if (!file_) return;
  std::fputs(line.c_str(), file_);
  std::fflush(file_);  // the line is on disk if the app dies next
  size_ += line.size();
}

std::string defaultLogPath() {
  if (const char* s = std::getenv("XDG_STATE_HOME"); s && *s) return std::string(s) + "/deskpane/deskpane.log";
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/.local/state/deskpane/deskpane.log";
}

Logger& appLog() {
  static Logger log;
  return log;
}

void logDebug(std::string_view component, std::string_view message) {
  appLog().write(LogLevel::Debug, component, message);
}
void logInfo(std::string_view component, std::string_view message) {
  appLog().write(LogLevel::Info, component, message);
}
void logWarn(std::string_view component, std::string_view message) {
  appLog().write(LogLevel::Warn, component, message);
}
void logError(std::string_view component, std::string_view message) {
  appLog().write(LogLevel::Error, component, message);
}

}  // namespace deskpane::sync
