#pragma once
// Transport-neutral request/response: the cpprest listener and the $batch
// codec both turn their input into these, so one dispatcher serves both.
#include "emulator/url_codec.h"

#include <map>
#include <string>
#include <vector>

namespace deskpane::emu {

struct Request {
  std::string method;  // upper-case; X-HTTP-Method already applied
  std::string path;    // percent-decoded ('+' kept), no query
  std::string rawQuery;
  QueryParams query;
  std::map<std::string, std::string> headers;  // keys lower-case
  std::string body;
  std::string origin;  // "http://127.0.0.1:N", for absolute links

  const std::string& header(const std::string& lowerName) const;
  bool hasHeader(const std::string& lowerName) const { return headers.count(lowerName) != 0; }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void setHeader(const std::string& name, const std::string& value);
  const std::string* header(const std::string& name) const;
};

const char* statusText(int status);

}  // namespace deskpane::emu
