#include "tray/program_paths.h"

#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <set>

namespace deskpane::tray {
namespace {

struct Case {
  const char* self;                  // the program looking
  std::set<std::string> programs;    // executable files that exist
  const char* expected;              // what it finds; "" for nothing
};

std::string findIn(const std::vector<std::string>& candidates, const std::set<std::string>& programs) {
  return firstProgram(candidates, [&](const std::string& p) { return programs.count(p) > 0; });
}

TEST(ProgramPaths, LauncherFindsTheGuiBesideItThenInTheInstallLayout) {
  const Case cases[] = {
      // A build tree: both in build/bin.
      {"/src/build/bin/deskpane", {"/src/build/bin/deskpane-gui", "/usr/libexec/deskpane/deskpane-gui"},
       "/src/build/bin/deskpane-gui"},
      // The package: /usr/bin and /usr/libexec/deskpane.
      {"/usr/bin/deskpane", {"/usr/libexec/deskpane/deskpane-gui"}, "/usr/libexec/deskpane/deskpane-gui"},
      // Any other prefix, found relative to the launcher, not the configured one.
      {"/opt/dp/bin/deskpane", {"/opt/dp/libexec/deskpane/deskpane-gui", "/usr/libexec/deskpane/deskpane-gui"},
       "/opt/dp/libexec/deskpane/deskpane-gui"},
      {"/home/u/stage/usr/bin/deskpane", {"/home/u/stage/usr/libexec/deskpane/deskpane-gui"},
       "/home/u/stage/usr/libexec/deskpane/deskpane-gui"},
      // Alone in a folder: nothing (the caller says what is missing).
      {"/tmp/lone/deskpane", {"/tmp/lone/deskpane-spemu", "/tmp/libexec/deskpane/deskpane"}, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(findIn(guiProgramCandidates(c.self), c.programs), c.expected) << c.self;
}

TEST(ProgramPaths, GuiFindsTheLauncherBesideItThenInTheInstallLayout) {
  const Case cases[] = {
      {"/src/build/bin/deskpane-gui", {"/src/build/bin/deskpane", "/usr/bin/deskpane"}, "/src/build/bin/deskpane"},
      {"/usr/libexec/deskpane/deskpane-gui", {"/usr/bin/deskpane"}, "/usr/bin/deskpane"},
      {"/opt/dp/libexec/deskpane/deskpane-gui", {"/opt/dp/bin/deskpane", "/usr/bin/deskpane"},
       "/opt/dp/bin/deskpane"},
      {"/tmp/lone/deskpane-gui", {"/tmp/lone/deskpane-spemu"}, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(findIn(launcherCandidates(c.self), c.programs), c.expected) << c.self;
}

TEST(ProgramPaths, CandidatesAreNormalAndDistinct) {
  for (const auto& list : {guiProgramCandidates("/usr/bin/deskpane"), launcherCandidates("/usr/libexec/deskpane/deskpane-gui"),
                           guiProgramCandidates("")}) {
    ASSERT_FALSE(list.empty());
    for (std::size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(list[i].find(".."), std::string::npos) << list[i];
      EXPECT_EQ(list[i].front(), '/') << list[i];
      for (std::size_t j = 0; j < i; ++j) EXPECT_NE(list[i], list[j]);
    }
  }
}

TEST(ProgramPaths, OnlyExecutableRegularFilesCount) {
  test::TempDir dir;
  const std::string exe = dir.file("exe"), plain = dir.file("plain");
  std::ofstream(exe) << "#!/bin/sh\n";
  std::ofstream(plain) << "text\n";
  ASSERT_EQ(chmod(exe.c_str(), 0755), 0);
  ASSERT_EQ(chmod(plain.c_str(), 0644), 0);
  EXPECT_TRUE(isExecutableFile(exe));
  EXPECT_FALSE(isExecutableFile(plain));
  EXPECT_FALSE(isExecutableFile(dir.path()));  // a folder has x but is not a program
  EXPECT_FALSE(isExecutableFile(dir.file("missing")));
  EXPECT_EQ(firstProgram({plain, dir.path(), exe}, isExecutableFile), exe);
}

}  // namespace
}  // namespace deskpane::tray
