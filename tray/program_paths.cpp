#include "tray/program_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

// Set by tray/CMakeLists.txt from GNUInstallDirs: the GUI program's folder
// relative to the launcher's (e.g. "../libexec/deskpane"), the way back, and
// both as configured absolute folders.
#ifndef DESKPANE_GUI_DIR_FROM_BIN
#define DESKPANE_GUI_DIR_FROM_BIN "../libexec/deskpane"
#endif
#ifndef DESKPANE_BIN_DIR_FROM_GUI
#define DESKPANE_BIN_DIR_FROM_GUI "../../bin"
#endif
#ifndef DESKPANE_INSTALL_GUI_DIR
#define DESKPANE_INSTALL_GUI_DIR "/usr/libexec/deskpane"
#endif
#ifndef DESKPANE_INSTALL_BIN_DIR
#define DESKPANE_INSTALL_BIN_DIR "/usr/bin"
#endif

namespace deskpane::tray {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> candidates(const std::string& self, const char* relativeDir, const char* installDir,
                                    const char* name) {
  std::vector<std::string> out;
  auto add = [&out](const fs::path& p) {
    const std::string s = p.lexically_normal().string();
    for (const auto& c : out)
      if (c == s) return;
    out.push_back(s);
  };
  if (!self.empty()) {
    const fs::path dir = fs::path(self).parent_path();
    add(dir / name);
    add(dir / relativeDir / name);
  }
  add(fs::path(installDir) / name);
  return out;
}

}  // namespace

std::vector<std::string> guiProgramCandidates(const std::string& launcherPath) {
  return candidates(launcherPath, DESKPANE_GUI_DIR_FROM_BIN, DESKPANE_INSTALL_GUI_DIR, kGuiProgramName);
}

std::vector<std::string> launcherCandidates(const std::string& guiPath) {
  return candidates(guiPath, DESKPANE_BIN_DIR_FROM_GUI, DESKPANE_INSTALL_BIN_DIR, kLauncherName);
}

std::string firstProgram(const std::vector<std::string>& candidates,
                         const std::function<bool(const std::string&)>& isProgram) {
  for (const auto& c : candidates)
    if (isProgram(c)) return c;
  return "";
}

bool isExecutableFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

std::string selfPath() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

std::string findGuiProgram() { return firstProgram(guiProgramCandidates(selfPath()), isExecutableFile); }

std::string launcherPath() {
  const std::string self = selfPath();
  if (self.empty()) return kLauncherName;  // found on $PATH
  if (fs::path(self).filename() == kLauncherName) return self;
  const std::string launcher = firstProgram(launcherCandidates(self), isExecutableFile);
  return launcher.empty() ? self : launcher;
}

}  // namespace deskpane::tray
