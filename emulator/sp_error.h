#pragma once
// SharePoint's error answers: an HTTP status plus the `code` ("<HRESULT>,
// <.NET type>") and message of its error envelope (sharepoint-rest.md §2.5, §4).
#include "emulator/flavour.h"

#include <stdexcept>
#include <string>

namespace deskpane::emu {

class SpError : public std::runtime_error {
 public:
  SpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)), message_(message) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  // The whole message for the error body: what() is a C string and would end
  // it at a NUL the client sent (getByTitle('a%00b')).
  const std::string& message() const { return message_; }

 private:
  int status_;
  std::string code_;
  std::string message_;
};

// `{"error":{...}}` for verbose, `{"odata.error":{...}}` otherwise.
std::string errorBody(Flavour f, const std::string& code, const std::string& message);

SpError itemNotFound();
SpError listNotFound(const std::string& title, const std::string& siteUrl);
SpError resourceNotFound(const std::string& segment);
SpError badRequest(const std::string& message);
SpError unknownProperty(const std::string& property, const std::string& entityType);
SpError etagMismatch(const std::string& requestEtag, const std::string& objectEtag);
SpError invalidDigest();
SpError listViewThreshold();
SpError throttled();
SpError changeTokenTooOld();
SpError changeTokenForeign();
SpError changeTokenMalformed(const std::string& token);
SpError methodNotAllowed(const std::string& method);
// `path` is site-relative ("Lists/Inbox/Subject"), as SharePoint quotes it.
SpError fileExists(const std::string& path);

}  // namespace deskpane::emu
