#include "tray/demo_site.h"

#include "sync/private_dirs.h"
#include "tray/program_paths.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

extern char** environ;

namespace deskpane::tray {

namespace {

// Beside the `deskpane` command: deskpane-spemu is installed in bin/ with it,
// while this GUI program lives in libexec/deskpane/.
std::string besideLauncher(const std::string& name) {
  return (std::filesystem::path(launcherPath()).parent_path() / name).string();
}

// Closes a pipe end once, whatever path leaves the constructor.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string DemoSite::defaultDataDir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  const std::string base = state && *state ? state : std::string(home ? home : "/tmp") + "/.local/state";
  return base + "/deskpane/demo";
}

DemoSite::DemoSite(const std::string& dataDir, const std::string& emulatorPath, int timeoutMs) {
  const std::string exe = emulatorPath.empty() ? besideLauncher("deskpane-spemu") : emulatorPath;
  if (::access(exe.c_str(), X_OK) != 0) {
    error_ = "The demo site program (" + exe + ") is not installed.";
    return;
  }
  (void)sync::makePrivateDirectories(dataDir);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error_ = "Could not start the demo site (no pipe).";
    return;
  }
  Fd readEnd{fds[0]}, writeEnd{fds[1]};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, writeEnd.fd, STDOUT_FILENO);
  const std::string log = dataDir + "/spemu.log";
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const std::string data = dataDir + "/site.sqlite3";
  std::vector<std::string> args = {exe, "--port", "0", "--data", data, "--seed", "demo"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(writeEnd.fd);
  writeEnd.fd = -1;
  if (rc != 0) {
    pid_ = -1;
    error_ = "Could not start the demo site program " + exe + ".";
    return;
  }
  // The emulator prints one line with its address once it listens.
  const std::string marker = "listening on ";
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{readEnd.fd, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) continue;
    char buf[512];
    const ssize_t n = ::read(readEnd.fd, buf, sizeof buf);
    if (n <= 0) break;  // it exited before saying where it listens
    out.append(buf, static_cast<std::size_t>(n));
    const auto at = out.find(marker);
    const auto eol = at == std::string::npos ? std::string::npos : out.find('\n', at);
    if (eol != std::string::npos) {
      siteUrl_ = out.substr(at + marker.size(), eol - at - marker.size());
      return;
    }
  }
  error_ = "The demo site did not start; its log is " + log + ".";
  stop();
}

DemoSite::~DemoSite() { stop(); }

void DemoSite::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace deskpane::tray
