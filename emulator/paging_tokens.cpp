#include "emulator/paging_tokens.h"

namespace deskpane::emu {

void PagingTokens::remember(const std::string& listGuid, std::int64_t lastId, const ChangeToken& token,
                            std::int64_t expiredBeforeTicks) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = tokens_.try_emplace({listGuid, lastId}, token);
  if (inserted) return;
  if (it->second.ticks < expiredBeforeTicks || token.number < it->second.number) it->second = token;
}

std::optional<ChangeToken> PagingTokens::recall(const std::string& listGuid, std::int64_t lastId) const {
  std::lock_guard lock(mutex_);
  const auto it = tokens_.find({listGuid, lastId});
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

}  // namespace deskpane::emu
