#pragma once
// Origins of URLs: what decides where credentials may go (only the site's own
// scheme, host and port) and where plain http is tolerated (loopback). Pure
// string work, shared by the transport and the settings' checks.
#include <string>

namespace deskpane::sync {

// "https://host:port" of an absolute URL ("" when not absolute).
std::string urlOrigin(const std::string& url);
// The origin as scheme, lower-cased host and explicit port ("https://a.b:443"),
// so "https://A.b" and "https://a.b:443/" compare equal; "" when not http(s).
std::string canonicalOrigin(const std::string& url);
// Is the URL's host the loopback interface (127.0.0.0/8, ::1, localhost)?
bool isLoopbackUrl(const std::string& url);

}  // namespace deskpane::sync
