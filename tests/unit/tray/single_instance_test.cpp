#include "tray/single_instance.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

namespace deskpane::tray {
namespace {

TEST(SingleInstance, SecondLaunchReachesTheFirst) {
  test::TempDir dir;
  const std::string path = dir.file("deskpane.sock");
  EXPECT_FALSE(sendToRunningInstance(path, "toggle"));  // nobody there yet

  std::string error;
  auto server = InstanceServer::listen(path, error);
  ASSERT_TRUE(server) << error;
  std::string received;
  server->watch([&](const std::string& r) {
    received = r;
    return std::string();
  });

  auto sent = std::async(std::launch::async, [&] { return sendToRunningInstance(path, "show calendar,tasks"); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (received.empty() && std::chrono::steady_clock::now() < deadline) {
    server->acceptOne();  // non-blocking: nothing happens until the client connects
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(sent.get());
  EXPECT_EQ(received, "show calendar,tasks");

  // A second server cannot take over while the first listens.
  std::string second;
  EXPECT_FALSE(InstanceServer::listen(path, second));
  EXPECT_NE(second.find("another deskpane"), std::string::npos) << second;
}

// `deskpane --add` while the app runs: the request is longer than the old
// 4 KiB read (an edit carries its fields) and the instance's answer (the
// new item's id, or why not) comes back to the client.
TEST(SingleInstance, AnEditRequestGetsTheInstancesAnswer) {
  test::TempDir dir;
  const std::string path = dir.file("deskpane.sock");
  std::string error;
  auto server = InstanceServer::listen(path, error);
  ASSERT_TRUE(server) << error;
  std::string received;
  server->watch([&](const std::string& r) {
    received = r;
    return std::string("ok -4");
  });
  const std::string request = "edit add notes 0 {\"Body\":\"" + std::string(20000, 'x') + "\",\"Title\":\"t\"}";
  auto answer = std::async(std::launch::async, [&] { return askRunningInstance(path, request); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (received.empty() && std::chrono::steady_clock::now() < deadline) {
    server->acceptOne();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto got = answer.get();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, "ok -4");
  EXPECT_EQ(received, request);
}

TEST(SingleInstance, StaleSocketFileIsReplaced) {
  test::TempDir dir;
  const std::string path = dir.file("deskpane.sock");
  // A crash leaves the socket file with nobody listening: bind, then close without unlink.
  {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    close(fd);
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(sendToRunningInstance(path, "toggle"));
  std::string error;
  auto fresh = InstanceServer::listen(path, error);
  EXPECT_TRUE(fresh) << error;
}


// DESIGN: one instance per configuration. The socket is named after the
// settings file, so a launch with another file never reaches (and toggles)
// the first instance's panes.
TEST(SingleInstance, EachConfigurationHasItsOwnSocket) {
  test::TempDir dir;
  ::setenv("XDG_RUNTIME_DIR", dir.path().c_str(), 1);
  const std::string a = instanceSocketPath(dir.file("a/settings.ini"));
  const std::string b = instanceSocketPath(dir.file("b/settings.ini"));
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind(dir.path() + "/deskpane-", 0), 0u) << a;
  EXPECT_LT(a.size(), sizeof(sockaddr_un::sun_path));

  // Serving configuration a, nothing answers on b's socket; b can listen.
  std::string error;
  auto serverA = InstanceServer::listen(a, error);
  ASSERT_TRUE(serverA) << error;
  EXPECT_FALSE(sendToRunningInstance(b, "toggle"));
  auto serverB = InstanceServer::listen(b, error);
  EXPECT_TRUE(serverB) << error;
}

TEST(SingleInstance, OneConfigurationOneSocketHoweverItIsNamed) {
  test::TempDir dir;
  ::setenv("XDG_RUNTIME_DIR", dir.path().c_str(), 1);
  std::filesystem::create_directories(dir.file("conf/sub"));
  std::ofstream(dir.file("conf/settings.ini")) << "[site]\n";
  std::filesystem::create_symlink(dir.file("conf"), dir.file("link"));
  const std::string direct = instanceSocketPath(dir.file("conf/settings.ini"));
  EXPECT_EQ(instanceSocketPath(dir.file("conf/sub/../settings.ini")), direct);
  EXPECT_EQ(instanceSocketPath(dir.file("link/settings.ini")), direct);
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.file("conf"));
  EXPECT_EQ(instanceSocketPath("settings.ini"), direct);
  EXPECT_EQ(instanceSocketPath("./settings.ini"), direct);
  std::filesystem::current_path(cwd);
  // The same file name in another folder is another configuration.
  EXPECT_NE(instanceSocketPath(dir.file("conf/sub/settings.ini")), direct);
  // A file that does not exist yet (first run) still has a stable name.
  EXPECT_EQ(canonicalConfigPath(dir.file("conf/new/../new.ini")), dir.file("conf/new.ini"));
}

}  // namespace
}  // namespace deskpane::tray
