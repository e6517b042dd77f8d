#include "sync/private_dirs.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace deskpane::sync {

Result<void> makePrivateDirectories(const std::string& dir) {
  if (dir.empty()) return {};
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return Error{ErrorCode::Io, "cannot create the folder " + dir + ": a file of that name is in the way"};
  }
  const auto slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    if (auto parent = makePrivateDirectories(dir.substr(0, slash)); !parent) return parent;
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return Error{ErrorCode::Io, "cannot create the folder " + dir + ": " + std::strerror(errno)};
  // mkdir applies the umask, which can only narrow 0700; chmod states it anyway.
  ::chmod(dir.c_str(), 0700);
  return {};
}

}  // namespace deskpane::sync
