// deskpane-spemu: serves one SharePoint site over loopback until SIGTERM.
#include "emulator/server.h"

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void usage(std::ostream& out) {
  out << "usage: deskpane-spemu [--port N] [--host ADDR]\n"
         "Serves a SharePoint REST emulator at http://ADDR:N/sites/demo until SIGTERM.\n";
}

int waitForSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any server thread starts so only sigwait sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  deskpane::emu::ServerOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "deskpane-spemu: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--port") {
      options.port = static_cast<std::uint16_t>(std::stoi(value()));
    } else if (arg == "--data" || arg == "--seed") {
      value();  // accepted for the command line of DESIGN §4; the item store comes next
    } else if (arg == "--host") {
      options.host = value();
    } else if (arg == "--help" || arg == "-h") {
      usage(std::cout);
      return 0;
    } else {
      std::cerr << "deskpane-spemu: unknown option " << arg << "\n";
      usage(std::cerr);
      return 2;
    }
  }

  deskpane::emu::Server server(options);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "deskpane-spemu: cannot listen: " << e.what() << "\n";
    return 1;
  }
  std::cout << "deskpane-spemu listening on " << server.siteUrl() << std::endl;
  waitForSignal();
  server.stop();
  return 0;
}
