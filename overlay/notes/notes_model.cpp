#include "overlay/notes/notes_model.h"

#include "overlay/i18n.h"
#include "overlay/plain_text.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace deskpane::overlay::notes {

namespace {

constexpr std::string_view kNoteBody = "NoteBody";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// SharePoint's Title holds 255 characters; cut at a UTF-8 boundary.
std::string titleFromText(const std::string& text) {
  std::string line = trimmed(text.substr(0, text.find('\n')));
  if (line.size() > 255) {
    std::size_t cut = 255;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line.resize(cut);
  }
  return line;
}

}  // namespace

const std::vector<std::string>& colourNames() {
  static const std::vector<std::string> kNames = {"Yellow", "Blue", "Green", "Pink", "White"};
  return kNames;
}

theme::Rgb defaultTint() { return {245, 196, 80}; }

std::optional<theme::Rgb> tintOf(const std::string& colour) {
  const std::string c = lower(trimmed(colour));
  if (c == "yellow") return theme::Rgb{245, 196, 80};
  if (c == "blue") return theme::Rgb{94, 156, 255};
  if (c == "green") return theme::Rgb{110, 200, 120};
  if (c == "pink") return theme::Rgb{240, 120, 170};
  if (c == "white") return theme::Rgb{215, 220, 228};
  if (c.size() == 7 && c[0] == '#') {
    int v[6];
    for (int i = 0; i < 6; ++i)
      if ((v[i] = hexDigit(c[i + 1])) < 0) return std::nullopt;
    return theme::Rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
                      static_cast<std::uint8_t>(v[4] * 16 + v[5])};
  }
  return std::nullopt;
}

NoteColumns detectColumns(const std::vector<sync::Item>& items) {
  NoteColumns cols;
  bool body = false, noteBody = false;
  for (const auto& item : items) {
    body |= item.has(sync::field::Body);
    noteBody |= item.has(kNoteBody);
    cols.hasColour |= item.has(sync::field::Color);
  }
  // Only NoteBody seen: that is the list's text column. Both or neither: Body,
  // the name the schema gives it.
  if (noteBody && !body) cols.textField = std::string(kNoteBody);
  std::size_t withText = 0, html = 0;
  for (const auto& item : items) {
    const std::string text = item.text(cols.textField);
    if (text.empty()) continue;
    ++withText;
    if (storedAsHtml(text)) ++html;
  }
  cols.richText = withText > 0 && 2 * html > withText;
  return cols;
}

std::vector<NoteCard> noteCards(const std::vector<sync::Item>& items, const NoteColumns& columns) {
  struct Keyed {
    NoteCard card;
    std::string created;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(items.size());
  for (const auto& item : items) {
    if (item.state == sync::LocalState::Deleted) continue;
    Keyed k;
    k.card.id = item.id;
    k.card.title = item.text(sync::field::Title);
    std::string stored = item.text(columns.textField);
    if (stored.empty()) stored = item.text(columns.textField == "Body" ? kNoteBody : sync::field::Body);
    k.card.text = wordsOf(stored);
    k.card.colour = item.text(sync::field::Color);
    k.card.tint = tintOf(k.card.colour).value_or(defaultTint());
    k.card.pending = item.state == sync::LocalState::Dirty;
    k.card.conflict = item.state == sync::LocalState::Conflict;
    k.created = item.text(sync::field::Created);
    keyed.push_back(std::move(k));
  }
  // ISO-8601 UTC text sorts as time; "" (a local create) first.
  std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.created.empty() != b.created.empty()) return a.created.empty();
    if (a.created != b.created) return a.created > b.created;
    return a.card.id > b.card.id;
  });
  std::vector<NoteCard> out;
  out.reserve(keyed.size());
  for (auto& k : keyed) out.push_back(std::move(k.card));
  return out;
}

std::string accessibleLine(const NoteCard& card) {
  std::string line = card.title.empty() ? std::string(_("Untitled note")) : card.title;
  std::string text = card.text;
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (!text.empty()) line += ": " + text;
  if (!card.colour.empty()) line += ", " + lower(card.colour);
  if (card.conflict) line += ", " + std::string(_("in conflict"));
  else if (card.pending) line += ", " + std::string(_("waiting to upload"));
  return line;
}

CardRect GridLayout::card(std::size_t index) const {
  const int col = static_cast<int>(index % static_cast<std::size_t>(columns));
  const int row = static_cast<int>(index / static_cast<std::size_t>(columns));
  return {gap + col * (cardWidth + gap), gap + row * (cardHeight + gap), cardWidth, cardHeight};
}

int GridLayout::contentHeight(std::size_t count) const {
  const int rows = static_cast<int>((count + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
  return gap + rows * (cardHeight + gap);
}

GridLayout gridLayout(int width, int minWidth, int height, int gap) {
  GridLayout g;
  g.gap = gap;
  g.cardHeight = height;
  g.columns = std::max(1, (width - gap) / std::max(1, minWidth + gap));
  g.cardWidth = std::max(1, (width - gap) / g.columns - gap);
  return g;
}

std::optional<std::size_t> cardAt(const GridLayout& grid, std::size_t count, int x, int y) {
  if (x < grid.gap || y < grid.gap) return std::nullopt;
  const int col = (x - grid.gap) / (grid.cardWidth + grid.gap);
  const int row = (y - grid.gap) / (grid.cardHeight + grid.gap);
  if (col >= grid.columns) return std::nullopt;
  // The gaps between cards hit nothing.
  if ((x - grid.gap) % (grid.cardWidth + grid.gap) >= grid.cardWidth) return std::nullopt;
  if ((y - grid.gap) % (grid.cardHeight + grid.gap) >= grid.cardHeight) return std::nullopt;
  const std::size_t index = static_cast<std::size_t>(row) * static_cast<std::size_t>(grid.columns) +
                            static_cast<std::size_t>(col);
  if (index >= count) return std::nullopt;
  return index;
}

std::optional<sync::Fields> noteWrite(const std::string& title, const std::string& text, const std::string& colour,
                                      const sync::Item* original, const NoteColumns& columns) {
  sync::Fields out;
  const std::string t = trimmed(title);
  if (!original) {
    if (t.empty() && trimmed(text).empty()) return std::nullopt;
    out[std::string(sync::field::Title)] = t.empty() ? titleFromText(text) : t;
    if (!text.empty()) out[columns.textField] = columns.richText ? plainTextToHtml(text) : text;
    if (columns.hasColour && !colour.empty()) out[std::string(sync::field::Color)] = colour;
    return out;
  }
  const std::string oldText = original->text(columns.textField);
  // A cleared title would be refused by SharePoint: keep a line of the text or the old title.
  std::string newTitle = t.empty() ? titleFromText(text) : t;
  if (newTitle.empty()) newTitle = original->text(sync::field::Title);
  if (newTitle != original->text(sync::field::Title)) out[std::string(sync::field::Title)] = newTitle;
  // A rich-text note stays HTML, as SharePoint's own form would store it.
  if (auto stored = storedForWords(text, oldText)) out[columns.textField] = std::move(*stored);
  if (columns.hasColour && colour != original->text(sync::field::Color))
    out[std::string(sync::field::Color)] = colour.empty() ? sync::FieldValue{} : sync::FieldValue{colour};
  return out;
}

}  // namespace deskpane::overlay::notes
