#pragma once
// Rich-text fields (SharePoint "multiple lines of text" with HTML) edited as
// plain text: the editor shows the words, and writes plain text back as the
// minimal HTML SharePoint's own form would store. Not a sanitiser: for
// display of server HTML use the inbox's sanitiser.
#include <optional>
#include <string>

namespace deskpane::overlay {

// Tags dropped, <br>/<p>/<div>/<li> as line breaks, entities decoded, runs of
// blank lines collapsed, trimmed.
std::string htmlToPlainText(const std::string& html);
// Escaped, line breaks as <br>, wrapped in one <div> ("" stays "").
std::string plainTextToHtml(const std::string& text);

// Whether a stored text is HTML: a rich-text "multiple lines of text" field,
// which SharePoint fills with markup such as <div class="ExternalClass…">
// <p>…</p></div>. Conservative, as a plain column holds whatever the user
// typed: only text that starts (after whitespace) with the opening tag of a
// common HTML element, closed with '>' and (unless it is a <br>) closed again
// later, counts; "<3 you" or "a < b" stays plain text.
bool storedAsHtml(const std::string& stored);
// What an editor shows of a stored value: HTML as its words, plain text as
// it is (what looks like a tag there is text the user typed).
std::string wordsOf(const std::string& stored);
// What to store for `words` edited from `stored`: nullopt when they are the
// words `stored` already shows; HTML when `stored` is HTML (as SharePoint's
// own form would keep it); otherwise the words as typed.
std::optional<std::string> storedForWords(const std::string& words, const std::string& stored);

}  // namespace deskpane::overlay
