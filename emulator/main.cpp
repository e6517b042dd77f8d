// deskpane-spemu: serves one SharePoint site over loopback until SIGTERM.
#include "emulator/server.h"

#include <pplx/threadpool.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

void usage(std::ostream& out) {
  out << "usage: deskpane-spemu [--port N] [--host ADDR] [--data FILE|:memory:] [--seed demo|empty|bulk:N]\n"
         "                      [--faults SPEC] [--latency MS] [--auth none|bearer]\n"
         "                      [--token-retention-s S] [--token-lifetime-s S]\n"
         "Serves a SharePoint REST emulator at http://ADDR:N/sites/demo until SIGTERM.\n"
         "  --faults SPEC  e.g. 429:0.2,503:0.05,reset:0.05,slow:0.1@800ms,truncate:0.02\n";
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

// Closing the listener cancels its pending accept, whose handler owns the
// socket it was accepting into (cpprestsdk passes it as a raw pointer). The
// handler is queued on cpprestsdk's shared pool; if the process exits before a
// pool thread runs it, the pool's destructor drops it unrun and the socket is
// lost, which LeakSanitizer reports. Running what is queued here, on the way
// out, closes that window. A handler a pool thread has already taken finishes
// before the pool's destructor joins that thread.
void runAbandonedHandlers() { crossplat::threadpool::shared_instance().service().poll(); }

long number(const std::string& option, const std::string& text) {
  try {
    std::size_t used = 0;
    const long v = std::stol(text, &used);
    if (used == text.size() && v >= 0) return v;
  } catch (...) {
  }
  std::cerr << "deskpane-spemu: " << option << " needs a non-negative number, got '" << text << "'\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  // Block the stop signals before any server thread starts so only sigwait sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A client that drops its connection must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);

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
      const long port = number(arg, value());
      if (port > 65535) {
        std::cerr << "deskpane-spemu: --port must be 0..65535\n";
        return 2;
      }
      options.port = static_cast<std::uint16_t>(port);
    } else if (arg == "--data") {
      options.dataPath = value();
    } else if (arg == "--seed") {
      options.seed = value();
    } else if (arg == "--faults") {
      options.faults = value();
    } else if (arg == "--latency") {
      options.latency = std::chrono::milliseconds(number(arg, value()));
    } else if (arg == "--auth") {
      const auto mode = value();
      if (mode != "none" && mode != "bearer") {
        std::cerr << "deskpane-spemu: --auth must be none or bearer\n";
        return 2;
      }
      options.bearerAuth = mode == "bearer";
    } else if (arg == "--token-retention-s") {
      options.tokenRetention = std::chrono::seconds(number(arg, value()));
    } else if (arg == "--token-lifetime-s") {
      options.tokenLifetime = std::chrono::seconds(number(arg, value()));
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

  std::unique_ptr<deskpane::emu::Server> server;
  try {
    server = std::make_unique<deskpane::emu::Server>(options);
  } catch (const std::exception& e) {
    std::cerr << "deskpane-spemu: " << e.what() << "\n";
    return 2;
  }
  try {
    server->start();
  } catch (const std::exception& e) {
    std::cerr << "deskpane-spemu: cannot listen: " << e.what() << "\n";
    return 1;
  }
  std::cout << "deskpane-spemu listening on " << server->siteUrl() << std::endl;
  waitForSignal();
  server->stop();
  runAbandonedHandlers();
  return 0;
}
