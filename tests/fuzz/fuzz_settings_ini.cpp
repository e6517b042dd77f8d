// libFuzzer target: settings.ini as a user (or a broken editor) leaves it.
// Loading gives settings or a message, never a crash; settings that load
// save to a file that loads again to the same text.
// Built by tests/fuzz/build_fuzzers.sh.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "sync/settings.h"
#include "sync/settings_file.h"

using namespace deskpane::sync;

namespace {

// One private file per fuzzing process, removed at exit.
struct ScratchFile {
  std::string path = "/tmp/deskpane-fuzz-settings-" + std::to_string(getpid()) + ".ini";
  ~ScratchFile() { unlink(path.c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ScratchFile file;
  {
    std::ofstream out(file.path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto loaded = Settings::load(file.path);
  if (!loaded) {
    if (loaded.error().message.empty()) std::abort();
    return 0;
  }
  if (!loaded.value().save(file.path)) return 0;  // the file may name what cannot be kept
  const auto first = settings_file::readText(file.path);
  auto again = Settings::load(file.path);
  if (!first || !again || !again.value().save(file.path)) std::abort();
  const auto second = settings_file::readText(file.path);
  if (!second || *first != *second) std::abort();
  return 0;
}
