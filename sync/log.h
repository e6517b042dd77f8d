#pragma once
// deskpane's log file ($XDG_STATE_HOME/deskpane/deskpane.log, README "Where
// things live"): one line per event, written by the app and the engine from
// any thread, rotated by size, readable only by the user, and scrubbed of
// credentials before anything reaches the file or stderr.
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace deskpane::sync {

enum class LogLevel { Debug, Info, Warn, Error };
std::string_view logLevelName(LogLevel level);

struct LogOptions {
  std::string path;                  // empty: no file (stderr only, if asked)
  std::size_t maxBytes = 1 << 20;    // a file reaching this size is rotated
  int keepOld = 3;                   // deskpane.log.1 .. .N kept, the oldest dropped
  bool toStderr = false;             // --verbose: every line on stderr too
  LogLevel minLevel = LogLevel::Info;
};

// Credentials never reach a log: Authorization headers, bearer tokens,
// access/refresh/id tokens, client secrets, device codes and passwords, in
// header, query-string and JSON form, become "[redacted]".
std::string scrubSecrets(std::string_view text);

class Logger {
 public:
  Logger() = default;
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // Opens (creating the folder 0700 and the file 0600) or reopens the log.
  // Returns "" or why the file cannot be written; stderr still works then.
  std::string open(LogOptions options);
  void write(LogLevel level, std::string_view component, std::string_view message);
  const LogOptions& options() const { return options_; }

 private:
  void rotate();  // with mutex_ held
  void closeFile();

  std::mutex mutex_;
  LogOptions options_;
  std::FILE* file_ = nullptr;
  std::size_t size_ = 0;
};

// $XDG_STATE_HOME/deskpane/deskpane.log (~/.local/state without it).
std::string defaultLogPath();

// The process's log, shared by the app and the engine.
Logger& appLog();
void logDebug(std::string_view component, std::string_view message);
void logInfo(std::string_view component, std::string_view message);
void logWarn(std::string_view component, std::string_view message);
void logError(std::string_view component, std::string_view message);

}  // namespace deskpane::sync
