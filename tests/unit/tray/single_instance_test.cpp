#include "tray/single_instance.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
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
  server->watch([&](const std::string& r) { received = r; });

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

}  // namespace
}  // namespace deskpane::tray
