#pragma once
// The site's user list: ids used in AuthorId/EditorId/AssignedToId.
#include <string>
#include <vector>

namespace deskpane::emu {

struct SiteUser {
  int id;
  std::string title;
  std::string email;
  std::string login() const { return "i:0#.f|membership|" + email; }
};

inline constexpr int kCurrentUserId = 7;   // who the REST caller is
inline constexpr int kOtherUserId = 12;    // who /_emulator edits act as

const std::vector<SiteUser>& siteUsers();
const SiteUser* findUser(int id);

}  // namespace deskpane::emu
