#include "sync/url_origin.h"

#include <algorithm>
#include <cctype>

namespace deskpane::sync {

std::string urlOrigin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

std::string canonicalOrigin(const std::string& url) {
  const auto origin = urlOrigin(url);
  const auto sep = origin.find("://");
  if (sep == std::string::npos) return {};
  std::string scheme = origin.substr(0, sep);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "http" && scheme != "https") return {};
  std::string authority = origin.substr(sep + 3);
  // Userinfo ("user@host") is never sent by deskpane; a link carrying one is
  // not the site's.
  if (authority.empty() || authority.find('@') != std::string::npos) return {};
  std::string host = authority;
  std::string port;
  const auto close = authority.rfind(']');
  const auto colon = authority.rfind(':');
  if (colon != std::string::npos && (close == std::string::npos || colon > close)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (port.empty()) port = scheme == "https" ? "443" : "80";
  if (host.empty() || port.find_first_not_of("0123456789") != std::string::npos) return {};
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return scheme + "://" + host + ":" + port;
}

bool isLoopbackUrl(const std::string& url) {
  const auto origin = canonicalOrigin(url);
  if (origin.empty()) return false;
  const auto start = origin.find("://") + 3;
  const auto host = origin.substr(start, origin.rfind(':') - start);
  // 127.x.y.z as an address, not a name that starts so ("127.0.0.1.nip.io").
  const bool ipv4Loopback = host.rfind("127.", 0) == 0 && host.find_first_not_of("0123456789.") == std::string::npos &&
                            std::count(host.begin(), host.end(), '.') == 3;
  return host == "localhost" || host == "[::1]" || ipv4Loopback;
}

}  // namespace deskpane::sync
