#include "emulator/users.h"

namespace deskpane::emu {

const std::vector<SiteUser>& siteUsers() {
  static const std::vector<SiteUser> users = {
      {1073741823, "System Account", ""},
      {7, "Alice Smith", "alice@contoso.com"},
      {12, "Bob Jones", "bob@contoso.com"},
      {13, "Chloé Dubois", "chloe@contoso.com"},
      {14, "Jürgen Müller", "juergen@contoso.com"},
      {15, "Sakura Tanaka (田中さくら)", "sakura@contoso.com"},
  };
  return users;
}

const SiteUser* findUser(int id) {
  for (const auto& u : siteUsers()) {
    if (u.id == id) return &u;
  }
  return nullptr;
}

}  // namespace deskpane::emu
