#include "sync/cli_edit.h"

#include "overlay/i18n.h"
#include "sync/auth.h"
#include "sync/engine.h"
#include "sync/pass_waiter.h"
#include "sync/item_json.h"
#include "sync/private_dirs.h"
#include "sync/settings.h"
#include "sync/store.h"
#include "sync/store_recovery.h"

#include <cerrno>
#include <cmath>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>

namespace deskpane::sync {

namespace {

// printf-style formatting of a translated message: translators move the
// %s around, which concatenation would not let them do.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, again);
  va_end(again);
  return out;
}

Error invalid(std::string message) { return Error{ErrorCode::InvalidValue, std::move(message), 0}; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t codePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool digits(std::string_view s, std::size_t at, std::size_t count, int& value) {
  if (at + count > s.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leapYear(y) ? 29 : kDays[m - 1];
}

// "2027-03-12", "2027-03-12 14:30", "2027-03-12T14:30:15", each with an
// optional "Z" for UTC; otherwise the time is on the desktop's clock (the C
// library's local zone, $TZ or /etc/localtime, as the editors' pickers read
// it) and a date alone is its midnight there.
std::optional<std::string> isoUtcFromTyped(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) || text[7] != '-' ||
      !digits(text, 8, 2, d))
    return std::nullopt;
  std::size_t at = 10;
  if (at < text.size() && (text[at] == 'T' || text[at] == ' ')) {
    if (!digits(text, at + 1, 2, h) || at + 3 >= text.size() || text[at + 3] != ':' || !digits(text, at + 4, 2, mi))
      return std::nullopt;
    at += 6;
    if (at < text.size() && text[at] == ':') {
      if (!digits(text, at + 1, 2, s)) return std::nullopt;
      at += 3;
    }
  }
  bool utc = false;
  if (at < text.size() && text[at] == 'Z') {
    utc = true;
    ++at;
  }
  if (at != text.size()) return std::nullopt;
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  tm.tm_isdst = -1;  // the zone's rules decide, as for a picked date
  const std::time_t t = utc ? timegm(&tm) : std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return std::string(buf);
}

void escapeInto(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

// Plain text typed for a rich-text field, written as the editors write it
// (overlay/rich_text.h plainTextToHtml): paragraphs at blank lines, <br>
// between the lines of one. sync/ cannot link the overlay's copy.
std::string htmlFromPlainText(std::string_view text) {
  std::vector<std::vector<std::string>> paragraphs(1);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    if (line.empty()) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      paragraphs.back().push_back(std::move(line));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& lines : paragraphs) {
    if (lines.empty()) continue;
    out += "<p>";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += "<br>";
      escapeInto(out, lines[i]);
    }
    out += "</p>";
  }
  return out;
}

std::optional<double> typedNumber(std::string_view text) {
  const std::string s(text);
  if (s.empty() || s.find_first_of(" \t\n") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> typedWhole(std::string_view text) {
  const std::string s(text);
  if (s.empty() || s.find_first_of(" \t\n") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || end != s.c_str() + s.size()) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

std::string writableFields(ListKind kind) {
  std::string out;
  for (const auto& f : listFields(kind))
    if (f.editable && !f.label.empty()) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

EditParse usage(std::string message) {
  EditParse p;
  p.message = std::move(message);
  p.usage = true;
  return p;
}

EditParse badField(std::string field, std::string message) {
  EditParse p;
  p.field = std::move(field);
  p.message = std::move(message);
  return p;
}

}  // namespace

std::string_view editVerbKey(EditVerb verb) {
  switch (verb) {
    case EditVerb::Add: return "add";
    case EditVerb::Edit: return "edit";
    case EditVerb::Delete: return "delete";
  }
  return "add";
}

std::optional<EditVerb> editVerbFromKey(std::string_view key) {
  if (key == "add") return EditVerb::Add;
  if (key == "edit") return EditVerb::Edit;
  if (key == "delete") return EditVerb::Delete;
  return std::nullopt;
}

Result<FieldValue> parseFieldValue(const FieldSpec& spec, std::string_view text) {
  const std::string name(spec.name);
  if (!spec.editable || spec.type == FieldType::Computed || spec.type == FieldType::Lookup)
    return invalid(format(_("%s is set by the server and cannot be written"), name.c_str()));
  if (text.empty()) {
    if (spec.required) return invalid(format(_("%s is required and cannot be empty"), name.c_str()));
    return FieldValue{};
  }
  const std::string typed(text);
  switch (spec.type) {
    case FieldType::Text:
      // SharePoint keeps a single line of text to 255 characters.
      if (typed.find_first_of("\r\n") != std::string::npos)
        return invalid(format(_("%s is a single line of text"), name.c_str()));
      if (codePoints(typed) > 255) return invalid(format(_("%s is longer than 255 characters"), name.c_str()));
      return FieldValue{typed};
    case FieldType::Note:
      return FieldValue{typed};
    case FieldType::Html:
      return FieldValue{htmlFromPlainText(typed)};
    case FieldType::DateTime:
      if (auto iso = isoUtcFromTyped(typed)) return FieldValue{*iso};
      return invalid(format(_("%s wants a date such as 2027-03-12 or 2027-03-12 14:30, not '%s'"), name.c_str(),
                            typed.c_str()));
    case FieldType::Boolean: {
      const std::string v = lower(typed);
      if (v == "true" || v == "yes" || v == "1") return FieldValue{true};
      if (v == "false" || v == "no" || v == "0") return FieldValue{false};
      return invalid(format(_("%s wants yes or no, not '%s'"), name.c_str(), typed.c_str()));
    }
    case FieldType::Percent: {
      std::string_view digitsOnly = text;
      if (!digitsOnly.empty() && digitsOnly.back() == '%') digitsOnly.remove_suffix(1);
      const auto v = typedNumber(digitsOnly);
      if (!v || *v < 0 || *v > 100)
        return invalid(format(_("%s wants a percentage from 0 to 100, not '%s'"), name.c_str(), typed.c_str()));
      return FieldValue{*v / 100.0};
    }
    case FieldType::Number:
      if (const auto v = typedNumber(text)) return FieldValue{*v};
      return invalid(format(_("%s wants a number, not '%s'"), name.c_str(), typed.c_str()));
    case FieldType::Integer:
      if (const auto v = typedWhole(text)) return FieldValue{*v};
      return invalid(format(_("%s wants a whole number, not '%s'"), name.c_str(), typed.c_str()));
    case FieldType::Choice: {
      // A list without known choices takes any value; known ones are matched
      // in any letter case and written in the list's own spelling.
      if (spec.choices.empty()) return FieldValue{typed};
      std::string allowed;
      for (const auto& c : spec.choices) {
        if (lower(c) == lower(typed)) return FieldValue{std::string(c)};
        allowed += (allowed.empty() ? "" : ", ") + std::string(c);
      }
      return invalid(format(_("%s is one of %s, not '%s'"), name.c_str(), allowed.c_str(), typed.c_str()));
    }
    case FieldType::Computed:
    case FieldType::Lookup:
      break;
  }
  return invalid(format(_("%s is set by the server and cannot be written"), name.c_str()));
}

EditParse parseEditArguments(EditVerb verb, const std::vector<std::string>& args) {
  const std::string option = "--" + std::string(editVerbKey(verb));
  if (args.empty()) return usage(format(_("%s needs a pane: calendar, contacts, tasks, notes or inbox"), option.c_str()));
  const auto kind = listKindFromKey(args[0]);
  if (!kind)
    return usage(format(_("%s: unknown pane '%s' (calendar, contacts, tasks, notes, inbox)"), option.c_str(),
                        args[0].c_str()));
  EditRequest request;
  request.verb = verb;
  request.kind = *kind;
  std::size_t next = 1;
  if (verb != EditVerb::Add) {
    if (args.size() < 2) return usage(format(_("%s needs the item's id after the pane"), option.c_str()));
    const auto id = typedWhole(args[1]);
    if (!id || *id == 0) return usage(format(_("%s: '%s' is not an item id"), option.c_str(), args[1].c_str()));
    request.id = *id;
    next = 2;
  }
  if (verb == EditVerb::Delete && args.size() > next)
    return usage(format(_("%s takes no fields, only the pane and the id"), option.c_str()));
  if (verb != EditVerb::Delete && args.size() <= next)
    return usage(format(_("%s needs at least one Field=Value"), option.c_str()));
  for (std::size_t i = next; i < args.size(); ++i) {
    const auto eq = args[i].find('=');
    if (eq == std::string::npos || eq == 0)
      return usage(format(_("%s: '%s' is not Field=Value"), option.c_str(), args[i].c_str()));
    const std::string name = args[i].substr(0, eq);
    const FieldSpec* spec = findField(*kind, name);
    if (!spec)
      return badField(name, format(_("%s has no field %s (fields: %s)"), std::string(listKindKey(*kind)).c_str(),
                                   name.c_str(), writableFields(*kind).c_str()));
    if (request.fields.count(name))
      return badField(name, format(_("%s is given twice"), name.c_str()));
    auto value = parseFieldValue(*spec, std::string_view(args[i]).substr(eq + 1));
    if (!value) return badField(name, value.error().message);
    request.fields.emplace(name, std::move(*value));
  }
  if (verb == EditVerb::Add)
    for (const auto& f : listFields(*kind))
      if (f.required && f.editable && !request.fields.count(f.name))
        return badField(std::string(f.name), format(_("%s is required for a new item"), std::string(f.name).c_str()));
  EditParse out;
  out.request = std::move(request);
  return out;
}

std::string encodeEditRequest(const EditRequest& request) {
  return std::string(editVerbKey(request.verb)) + " " + std::string(listKindKey(request.kind)) + " " +
         std::to_string(request.id) + " " + fieldsToJson(request.fields);
}

std::optional<EditRequest> decodeEditRequest(std::string_view line) {
  auto word = [&]() -> std::string_view {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) return {};
    const auto w = line.substr(0, space);
    line.remove_prefix(space + 1);
    return w;
  };
  const auto verb = editVerbFromKey(word());
  const auto kind = listKindFromKey(word());
  const auto id = typedWhole(word());
  auto fields = fieldsFromJson(line);
  if (!verb || !kind || !id || !fields) return std::nullopt;
  return EditRequest{*verb, *kind, *id, std::move(*fields)};
}

Result<std::string> instanceEditLine(const EditRequest& request, std::size_t limit) {
  std::string line = "edit " + encodeEditRequest(request);
  if (line.size() >= limit)
    return invalid(format(_("the values are too long for one edit (%zu KiB at most)"), limit / 1024));
  return line;
}

void adaptToListColumns(EditRequest& request, const Store& store) {
  if (request.kind != ListKind::Notes) return;
  const auto typed = request.fields.find("Body");
  if (typed == request.fields.end() || request.fields.count("NoteBody")) return;
  bool body = false, noteBody = false;
  for (const auto& item : store.items(ListKind::Notes)) {
    body |= item.has("Body");
    noteBody |= item.has("NoteBody");
  }
  if (!noteBody || body) return;
  auto text = std::move(typed->second);
  request.fields.erase(typed);
  request.fields.emplace("NoteBody", std::move(text));
}

std::optional<std::string> missingItem(const EditRequest& request, const Store& store) {
  if (request.verb == EditVerb::Add) return std::nullopt;
  const auto item = store.item(request.kind, store.currentId(request.kind, request.id));
  if (item && item->state != LocalState::Deleted) return std::nullopt;
  const std::string pane(listKindKey(request.kind));
  return format(_("the %s list has no item %lld in the cache (deskpane --sync fetches the list)"), pane.c_str(),
                static_cast<long long>(request.id));
}

Result<std::int64_t> applyEditRequest(const EditRequest& request, Engine* engine, Store* store) {
  // The same calls as overlay/pane_presenter.cpp: the engine writes cache
  // and outbox in one transaction and queues the list's push; without an
  // engine the outbox waits for a site.
  if (engine) {
    switch (request.verb) {
      case EditVerb::Add:
        return engine->create(request.kind, request.fields);
      case EditVerb::Edit:
        if (auto r = engine->update(request.kind, request.id, request.fields); !r) return r.error();
        return request.id;
      case EditVerb::Delete:
        if (auto r = engine->remove(request.kind, request.id); !r) return r.error();
        return request.id;
    }
  }
  if (!store) return Error{ErrorCode::Io, "no cache is open", 0};
  try {
    switch (request.verb) {
      case EditVerb::Add:
        return store->createLocal(request.kind, request.fields);
      case EditVerb::Edit:
        store->updateLocal(request.kind, request.id, request.fields);
        return request.id;
      case EditVerb::Delete:
        store->removeLocal(request.kind, request.id);
        return request.id;
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::Database, e.what(), 0};
  }
  return request.id;
}

int reportInstanceAnswer(const EditRequest& request, const std::string& answer, std::ostream& out) {
  const std::string pane(listKindKey(request.kind));
  if (answer.rfind("ok ", 0) == 0) {
    const auto id = typedWhole(std::string_view(answer).substr(3));
    out << pane << " " << editVerbKey(request.verb) << " id=" << (id ? *id : 0) << " "
        << (id && *id < 0 ? _("(a local id until the server has the item; the running deskpane sends it now)")
                          : _("(the running deskpane sends it now)"))
        << "\n";
    return 0;
  }
  if (answer == "unbound") {
    out << "deskpane: " << format(_("the %s pane has no list in the running deskpane's settings"), pane.c_str()) << "\n";
  } else if (answer.rfind("error ", 0) == 0) {
    out << "deskpane: " << answer.substr(6) << "\n";
  } else {
    // "malformed", or an older deskpane that took the line for "toggle".
    out << "deskpane: " << _("the running deskpane did not take the edit; quit it and try again") << "\n";
  }
  return 1;
}

int runEditCommand(const std::string& settingsPath, const std::string& cachePath, const EditRequest& request,
                   std::ostream& out, std::shared_ptr<TokenVault> vault) {
  auto settings = Settings::load(settingsPath);
  if (!settings) {
    const auto& message = settings.error().message;
    out << "deskpane: " << (message.rfind(settingsPath, 0) == 0 ? message : settingsPath + ": " + message) << "\n";
    return 1;
  }
  const auto& site = settings->site();
  const std::string pane(listKindKey(request.kind));
  const std::string listTitle = settings->pane(request.kind).list;
  if (listTitle.empty()) {
    out << "deskpane: " << format(_("the %s pane has no list in %s"), pane.c_str(), settingsPath.c_str()) << "\n";
    return 1;
  }
  if (auto made = makePrivateDirectories(std::filesystem::path(cachePath).parent_path().string()); !made) {
    out << "deskpane: " << made.error().message << "\n";
    return 1;
  }
  auto opened = openOrRecover(cachePath);
  if (!opened) {
    out << "deskpane: cannot open the cache " << cachePath << ": " << opened.error().message << "\n";
    return 1;
  }
  if (const auto& r = opened->recovery) out << "deskpane: " << r->line() << "\n" << r->message() << "\n";
  Store& store = opened->store;

  EditRequest adapted = request;
  try {
    if (const auto missing = missingItem(request, store)) {
      out << "deskpane: " << *missing << "\n";
      return 1;
    }
    adaptToListColumns(adapted, store);
  } catch (const std::exception& e) {
    out << "deskpane: cache error: " << e.what() << "\n";
    return 1;
  }
  std::int64_t id = 0;
  SyncPass pass;
  if (site.url.empty()) {
    // No site yet: the change waits in the outbox, as a pane's edit does.
    auto applied = applyEditRequest(adapted, nullptr, &store);
    if (!applied) {
      out << "deskpane: " << applied.error().message << "\n";
      return 1;
    }
    id = *applied;
    pass.lists.push_back(SyncPassList{request.kind, SyncState::Offline, "", 0, 0});
  } else {
    EngineOptions options;
    options.siteUrl = site.url;
    options.caFile = site.caFile;
    options.cachePath = cachePath;
    // Only the edited list: its push and re-sync are the pass waited for.
    options.listTitles = {{request.kind, listTitle}};
    if (site.auth == AuthMethod::DeviceCode)
      options.auth = Auth::deviceCode(deviceCodeConfigFor(site.url, site.tenant, site.clientId), std::move(vault));
    PassWaiter waiter;
    Engine engine(std::move(options), &waiter);
    auto applied = applyEditRequest(adapted, &engine, nullptr);
    if (!applied) {
      // Nothing was written (the transaction rolled back) and nothing queued.
      out << "deskpane: " << applied.error().message << "\n";
      return 1;
    }
    id = *applied;
    pass = waiter.wait();
  }

  try {
    const SyncPassList* list = nullptr;
    for (const auto& l : pass.lists)
      if (l.kind == request.kind) list = &l;
    const std::int64_t now = store.currentId(request.kind, id);
    // Entries of this item still queued after the pass: the server has not
    // taken the change (offline, or refused it; the entry says which).
    std::string refusal;
    bool queued = false;
    for (const auto& e : store.pendingOutbox(request.kind)) {
      if (e.itemId != now) continue;
      queued = true;
      if (!e.lastError.empty()) refusal = e.lastError;
    }
    const SyncState state = list ? list->state : SyncState::Error;
    out << pane << " " << editVerbKey(request.verb) << " id=" << now << " ";
    if (!queued) {
      out << (request.verb == EditVerb::Add ? _("(the server's id; on the server)") : _("(on the server)")) << "\n";
      return 0;
    }
    out << (now < 0 ? _("(a local id until the server has the item; queued)") : _("(queued)")) << "\n";
    if (site.url.empty()) {
      out << "deskpane: " << format(_("no site is set in %s; the change waits in the outbox until there is one"),
                                    settingsPath.c_str())
          << "\n";
      return 0;
    }
    if (state == SyncState::Offline) {
      out << "deskpane: "
          << format(_("the server cannot be reached (%s); the change is kept and goes with the next sync"),
                    list && !list->message.empty() ? list->message.c_str() : _("offline"))
          << "\n";
      return 0;
    }
    out << "deskpane: "
        << format(_("the change is kept in the outbox but did not reach the server: %s"),
                  !refusal.empty()                    ? refusal.c_str()
                  : list && !list->message.empty() ? list->message.c_str()
                                                   : std::string(syncStateName(state)).c_str())
        << "\n";
    return 1;
  } catch (const std::exception& e) {
    out << "deskpane: cache error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace deskpane::sync
