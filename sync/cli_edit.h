#pragma once
// `deskpane --add PANE Field=Value…`, `--edit PANE ID Field=Value…` and
// `--delete PANE ID`: the arguments read and checked against the list's
// fields (sync/list_schema.h) without a toolkit, then applied through the
// same engine calls a pane's presenter makes (cache and outbox in one
// transaction, then push and re-sync of that list).
//
// Values are read as a person types them: dates and times in the desktop's
// zone ("2027-03-12", "2027-03-12 14:30"; a trailing "Z" means UTC) become
// ISO-8601 UTC as the pane editors write them; booleans yes/no, true/false,
// 1/0; percentages 0–100 (an optional "%"); choices by their value, in any
// letter case; an empty value clears a field that is not required.
#include "sync/item.h"
#include "sync/list_kind.h"
#include "sync/list_schema.h"
#include "sync/result.h"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

class Engine;
class Store;
class TokenVault;

enum class EditVerb { Add, Edit, Delete };
std::string_view editVerbKey(EditVerb verb);  // "add", "edit", "delete"
std::optional<EditVerb> editVerbFromKey(std::string_view key);

struct EditRequest {
  EditVerb verb = EditVerb::Add;
  ListKind kind = ListKind::Tasks;
  std::int64_t id = 0;  // edit, delete: the item (negative = a local create not yet pushed)
  Fields fields;        // add, edit: checked and in the wire's form
};

struct EditParse {
  std::optional<EditRequest> request;
  // Empty when request is set. `usage`: the command itself is malformed
  // (unknown pane, missing id), as opposed to a bad field or value.
  std::string message;
  std::string field;  // the field the message is about, if any
  bool usage = false;
};

// `args`: what follows the option: PANE [ID] Field=Value…
EditParse parseEditArguments(EditVerb verb, const std::vector<std::string>& args);

// One value as typed, for `spec`; an error message (translated, naming the
// field) when it does not fit.
Result<FieldValue> parseFieldValue(const FieldSpec& spec, std::string_view text);

// The request as one line for the running app ("add tasks 0 {…fields…}");
// nullopt from the reader when the line is not one.
std::string encodeEditRequest(const EditRequest& request);
std::optional<EditRequest> decodeEditRequest(std::string_view line);
// "edit " + encodeEditRequest(request), or an error when it is `limit`
// bytes or longer (the running app reads no more).
Result<std::string> instanceEditLine(const EditRequest& request, std::size_t limit);

// A note's text typed as Body goes to NoteBody when the cached notes show
// that the list's text column is NoteBody, as the Notes pane decides
// (overlay/notes/notes_model.h detectColumns): a list made by hand often has
// NoteBody only, and the server would refuse Body.
void adaptToListColumns(EditRequest& request, const Store& store);

// For an edit or delete whose item is not in the cache (never synced, or
// deleted meanwhile): a message naming the pane and id; nullopt otherwise.
std::optional<std::string> missingItem(const EditRequest& request, const Store& store);

// Applies the request as a pane's presenter does: through the engine when
// there is one, else to the cache's outbox directly. Returns the item's id
// (the temporary one for a create).
Result<std::int64_t> applyEditRequest(const EditRequest& request, Engine* engine, Store* store);

// Prints what the running app answered to an edit it was sent
// (tray/single_instance.h: "ok ID", "unbound", "malformed", "error …") and
// returns the exit code.
int reportInstanceAnswer(const EditRequest& request, const std::string& answer, std::ostream& out);

// The headless command: opens the cache, applies the request through an
// Engine, waits for that list's push and re-sync, and prints the outcome.
// Exit 0 when the change reached the server or is queued because the server
// cannot be reached; 1 when it was refused (bad id, server error, settings).
int runEditCommand(const std::string& settingsPath, const std::string& cachePath, const EditRequest& request,
                   std::ostream& out, std::shared_ptr<TokenVault> vault = nullptr);

}  // namespace deskpane::sync
