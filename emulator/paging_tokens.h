#pragma once
// The change token of a paged first full read (getlistitemchangessincetoken
// without a token). Each page must hand back the token taken before the first
// page (sharepoint-rest.md §3.2 "Recovery"), or a change made while the client
// pages to an item it already holds is lost; the continuation carries only
// "Paged=TRUE&p_ID=N", so the emulator remembers the token per position.
#include "emulator/change_token.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace deskpane::emu {

class PagingTokens {
 public:
  // `token` goes with the position "after `lastId`" of that list. Two reads
  // paging at once through the same position keep the older token: a token
  // too early repeats changes, one too late loses them. Entries whose token
  // is older than `expiredBeforeTicks` are useless (the log no longer reaches
  // back) and are replaced.
  void remember(const std::string& listGuid, std::int64_t lastId, const ChangeToken& token,
                std::int64_t expiredBeforeTicks);
  std::optional<ChangeToken> recall(const std::string& listGuid, std::int64_t lastId) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::int64_t>, ChangeToken> tokens_;
};

}  // namespace deskpane::emu
