#include "tests/support/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace deskpane::test {

ChildProcess::ChildProcess(std::string program, std::vector<std::string> args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  std::vector<char*> argv;
  argv.push_back(program.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw std::runtime_error("cannot start " + program);
  }
  stdoutFd_ = fds[0];
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exitStatus_) stop(SIGTERM, std::chrono::seconds(5));
  if (stdoutFd_ >= 0) ::close(stdoutFd_);
}

std::optional<std::string> ChildProcess::readLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{stdoutFd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::read(stdoutFd_, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

bool ChildProcess::running() {
  if (exitStatus_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    exitStatus_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return true;
}

std::optional<int> ChildProcess::stop(int sig, std::chrono::milliseconds timeout) {
  if (!running()) return exitStatus_;
  ::kill(pid_, sig);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return exitStatus_;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill9();
  return std::nullopt;
}

void ChildProcess::kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exitStatus_ = 128 + SIGKILL;
}

EmulatorProcess::EmulatorProcess(std::vector<std::string> extraArgs)
    : process_(DESKPANE_SPEMU_PATH, [&] {
        std::vector<std::string> args{"--port", "0", "--data", ":memory:"};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        return args;
      }()) {
  const std::string marker = "listening on ";
  while (auto line = process_.readLine(std::chrono::seconds(20))) {
    if (auto at = line->find(marker); at != std::string::npos) {
      siteUrl_ = line->substr(at + marker.size());
      return;
    }
  }
  throw std::runtime_error("deskpane-spemu did not report its address");
}

std::string EmulatorProcess::origin() const {
  const auto scheme = siteUrl_.find("://");
  const auto pathStart = siteUrl_.find('/', scheme + 3);
  return siteUrl_.substr(0, pathStart);
}

}  // namespace deskpane::test
