#pragma once
// A child process owned by a test: started with posix_spawn, its stdout read
// line by line, and always stopped by PID (SIGTERM, then SIGKILL) in the
// destructor, pass or fail.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::test {

class ChildProcess {
 public:
  ChildProcess(std::string program, std::vector<std::string> args);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return pid_; }
  // Next line of stdout, or nullopt on EOF/timeout.
  std::optional<std::string> readLine(std::chrono::milliseconds timeout);
  // Sends `sig`; then waits up to `timeout` for the exit. Returns the exit
  // status (or 128+signal), or nullopt if it had to be SIGKILLed.
  std::optional<int> stop(int sig, std::chrono::milliseconds timeout);
  void kill9();
  bool running();

 private:
  int pid_ = -1;
  int stdoutFd_ = -1;
  std::string buffer_;
  std::optional<int> exitStatus_;
};

// deskpane-spemu on a free loopback port; the constructor waits for its
// "listening on" line.
class EmulatorProcess {
 public:
  explicit EmulatorProcess(std::vector<std::string> extraArgs = {"--seed", "demo"});
  const std::string& siteUrl() const { return siteUrl_; }
  // "http://127.0.0.1:N" without the site path.
  std::string origin() const;
  ChildProcess& process() { return process_; }

 private:
  ChildProcess process_;
  std::string siteUrl_;
};

}  // namespace deskpane::test
