#include "tray/list_lookup.h"

#include "sync/sharepoint_client.h"

#include <chrono>

namespace deskpane::tray {

ListLookup::~ListLookup() {
  for (auto& job : jobs_) job->cancel = true;
  for (auto& job : jobs_)
    if (job->thread.joinable()) job->thread.join();
}

void ListLookup::reap() {
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if ((*it)->finished) {
      (*it)->thread.join();
      it = jobs_.erase(it);
    } else {
      (*it)->cancel = true;  // superseded
      ++it;
    }
  }
}

void ListLookup::start(const std::string& siteUrl, std::shared_ptr<sync::Auth> auth, Done done) {
  reap();
  auto job = std::make_unique<Job>();
  Job* raw = job.get();
  job->thread = std::thread([raw, siteUrl, auth = std::move(auth), done = std::move(done)] {
    sync::ClientOptions options;
    options.siteUrl = siteUrl;
    options.auth = auth;
    // A person is waiting on the dialog: answer within seconds, retry once.
    options.timeout = std::chrono::seconds(8);
    options.retry.maxAttempts = 2;
    sync::SharePointClient client(options);
    client.setCancelFlag(&raw->cancel);
    auto found = sync::discoverLists(client);
    if (!raw->cancel) {
      if (found) done(*found, "");
      else done({}, found.error().message.empty() ? "the site did not answer" : found.error().message);
    }
    raw->finished = true;
  });
  jobs_.push_back(std::move(job));
}

}  // namespace deskpane::tray
