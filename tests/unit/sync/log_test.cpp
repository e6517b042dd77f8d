#include "sync/log.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"
#include "tests/support/files.h"

namespace deskpane::sync {
namespace {

using deskpane::test::readFile;

int modeOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

TEST(Log, ScrubsAuthorizationHeaders) {
  const std::string out = scrubSecrets("GET /_api/web\nAuthorization: Bearer eyJ0eXAiOiJKV1Qi.abc.def\nAccept: json");
  EXPECT_EQ(out.find("eyJ0eXAi"), std::string::npos) << out;
  EXPECT_NE(out.find("Authorization: [redacted]"), std::string::npos) << out;
  EXPECT_NE(out.find("Accept: json"), std::string::npos) << out;  // the next header is kept
}

TEST(Log, ScrubsBearerTokensAnywhere) {
  const std::string out = scrubSecrets("sent header bearer abc.DEF-123_~+/= to host");
  EXPECT_EQ(out, "sent header bearer [redacted] to host");
}

TEST(Log, ScrubsQueryAndFormValues) {
  const std::string out =
      scrubSecrets("grant_type=refresh_token&refresh_token=0.AAA-secret&client_id=abc&access_token=xyz&password=hunter2");
  EXPECT_EQ(out.find("0.AAA-secret"), std::string::npos) << out;
  EXPECT_EQ(out.find("xyz"), std::string::npos) << out;
  EXPECT_EQ(out.find("hunter2"), std::string::npos) << out;
  EXPECT_NE(out.find("client_id=abc"), std::string::npos) << out;
  EXPECT_NE(out.find("grant_type=refresh_token&"), std::string::npos) << out;  // a value, not a key
}

TEST(Log, ScrubsJsonMembers) {
  const std::string out = scrubSecrets(
      R"({"token_type":"Bearer","access_token":"eyJ.a\"b","refresh_token" : "0.AR","expires_in":3600,"Password":"p w"})");
  EXPECT_EQ(out.find("eyJ"), std::string::npos) << out;
  EXPECT_EQ(out.find("0.AR"), std::string::npos) << out;
  EXPECT_EQ(out.find("p w"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("access_token":"[redacted]")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("expires_in":3600)"), std::string::npos) << out;
}

TEST(Log, ScrubsPasswordsInUrls) {
  EXPECT_EQ(scrubSecrets("site https://anna:s3cr%40t@contoso.example/sites/team"),
            "site https://anna:[redacted]@contoso.example/sites/team");
}

TEST(Log, LeavesOrdinaryTextAlone) {
  const std::string text = "sync calendar: 3 changes from https://contoso.sharepoint.com/sites/team (Calendar)";
  EXPECT_EQ(scrubSecrets(text), text);
}

TEST(Log, WritesPrivateFileInPrivateFolder) {
  test::TempDir dir;
  const std::string path = dir.path() + "/state/deskpane/deskpane.log";
  Logger log;
  ASSERT_EQ(log.open({path}), "");
  log.write(LogLevel::Info, "app", "started");
  log.write(LogLevel::Debug, "app", "not at the default level");
  log.write(LogLevel::Error, "engine", "header Authorization: Bearer SECRET\nsecond line");
  const std::string text = readFile(path);
  EXPECT_NE(text.find(" INFO app: started\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("not at the default level"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRET"), std::string::npos) << text;
  EXPECT_NE(text.find(" ERROR engine: header Authorization: [redacted] second line\n"), std::string::npos) << text;
  EXPECT_EQ(modeOf(path), 0600);
  EXPECT_EQ(modeOf(dir.path() + "/state/deskpane"), 0700);
  EXPECT_EQ(modeOf(dir.path() + "/state"), 0700);
}

TEST(Log, TightensAnExistingFilesMode) {
  test::TempDir dir;
  const std::string path = dir.file("deskpane.log");
  std::ofstream(path) << "old line\n";
  ::chmod(path.c_str(), 0644);
  Logger log;
  ASSERT_EQ(log.open({path}), "");
  EXPECT_EQ(modeOf(path), 0600);
  log.write(LogLevel::Warn, "app", "appended");
  EXPECT_EQ(readFile(path).rfind("old line\n", 0), 0u);  // appended, not truncated
}

TEST(Log, RotatesBySizeKeepingAFewOldFiles) {
  test::TempDir dir;
  const std::string path = dir.file("deskpane.log");
  LogOptions o;
  o.path = path;
  o.maxBytes = 400;
  o.keepOld = 2;
  Logger log;
  ASSERT_EQ(log.open(o), "");
  for (int i = 0; i < 40; ++i) log.write(LogLevel::Info, "engine", "line number " + std::to_string(i));
  namespace fs = std::filesystem;
  EXPECT_TRUE(fs::exists(path));
  EXPECT_TRUE(fs::exists(path + ".1"));
  EXPECT_TRUE(fs::exists(path + ".2"));
  EXPECT_FALSE(fs::exists(path + ".3"));
  EXPECT_LE(fs::file_size(path), 400u);
  EXPECT_LE(fs::file_size(path + ".1"), 400u);
  EXPECT_EQ(modeOf(path + ".1"), 0600);
  EXPECT_NE(readFile(path).find("line number 39\n"), std::string::npos);
  EXPECT_EQ(readFile(path).find("line number 0\n"), std::string::npos);  // the oldest went with .3
}

TEST(Log, StderrCopyWhenVerbose) {
  Logger log;
  LogOptions o;
  o.toStderr = true;
  o.minLevel = LogLevel::Debug;
  ASSERT_EQ(log.open(o), "");
  testing::internal::CaptureStderr();
  log.write(LogLevel::Debug, "app", "refresh_token=abc details");
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find(" DEBUG app: refresh_token=[redacted] details\n"), std::string::npos) << err;
}

TEST(Log, DefaultPathFollowsXdgStateHome) {
  const char* old = std::getenv("XDG_STATE_HOME");
  const std::string saved = old ? old : "";
  ::setenv("XDG_STATE_HOME", "/x/state", 1);
  EXPECT_EQ(defaultLogPath(), "/x/state/deskpane/deskpane.log");
  if (old)
    ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
  else
    ::unsetenv("XDG_STATE_HOME");
}

}  // namespace
}  // namespace deskpane::sync
