#pragma once
// Rich-text fields (SharePoint "multiple lines of text" with HTML) edited as
// plain text: the editor shows the words, and writes plain text back as the
// minimal HTML SharePoint's own form would store. Not a sanitiser: for
// display of server HTML use the inbox's sanitiser.
#include <string>

namespace deskpane::overlay {

// Tags dropped, <br>/<p>/<div>/<li> as line breaks, entities decoded, runs of
// blank lines collapsed, trimmed.
std::string htmlToPlainText(const std::string& html);
// Escaped, line breaks as <br>, wrapped in one <div> ("" stays "").
std::string plainTextToHtml(const std::string& text);

}  // namespace deskpane::overlay
