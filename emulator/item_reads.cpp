// GET {list}/items and items(N): $filter, $orderby, $top, $skiptoken paging
// with absolute next links, and the list view threshold (sharepoint-rest.md
// §1.1-§1.3, §4.3). Query parsing and evaluation come from odata_query.
#include "emulator/api_context.h"
#include "emulator/odata_query.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/users.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <numeric>

namespace deskpane::emu {

namespace {

constexpr int kListViewThreshold = 5000;

const std::string& queryValue(const ApiContext& ctx, std::string_view key) {
  static const std::string empty;
  const auto* v = findParam(ctx.req.query, key);
  return v ? *v : empty;
}

Value toQueryValue(const FieldValue& v) {
  return std::visit(
      [](const auto& x) -> Value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate> || std::is_same_v<T, bool> ||
                      std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                      std::is_same_v<T, std::string>) {
          return x;
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>> ||
                             std::is_same_v<T, std::vector<std::string>>) {
          // Only for sorting, which SharePoint does not offer on multi-value
          // columns; $filter sees every value (Column::values).
          return x.empty() ? Value{} : Value{x.front()};
        } else {
          return x.url;
        }
      },
      v);
}

// A filter/orderby column bound once per request.
struct Column {
  enum Kind { Id, Field, UserTitle, UserEmail, ContentTypeName, FsObjType } kind = Field;
  const FieldDef* field = nullptr;
  bool indexed = false;

  Value get(const Item& item) const {
    switch (kind) {
      case Id: return static_cast<std::int64_t>(item.id);
      case FsObjType: return static_cast<std::int64_t>(item.fsObjType);
      case ContentTypeName: return item.text("ContentType");
      case UserTitle:
      case UserEmail: {
        const auto v = toQueryValue(item.get(field->internalName));
        const auto* id = std::get_if<std::int64_t>(&v);
        const auto* u = id ? findUser(static_cast<int>(*id)) : nullptr;
        if (!u) return Value{};
        return kind == UserTitle ? u->title : u->email;
      }
      case Field: return toQueryValue(item.get(field->internalName));
    }
    return Value{};
  }

  // Every value, for $filter's "contains" reading of multi-value columns
  // (AssignedToId eq 12 matches [7,12]); `out` is reused across items.
  void values(const Item& item, std::vector<Value>& out) const {
    out.clear();
    const FieldValue* raw = field && kind != ContentTypeName ? &item.get(field->internalName) : nullptr;
    const auto* ids = raw ? std::get_if<std::vector<std::int64_t>>(raw) : nullptr;
    const auto* texts = raw ? std::get_if<std::vector<std::string>>(raw) : nullptr;
    if (texts) {
      out.assign(texts->begin(), texts->end());
    } else if (ids && kind == Field) {
      out.assign(ids->begin(), ids->end());
    } else if (ids) {
      for (const auto id : *ids) {
        const auto* u = findUser(static_cast<int>(id));
        out.push_back(!u ? Value{} : kind == UserTitle ? Value{u->title} : Value{u->email});
      }
    } else {
      out.push_back(get(item));
    }
  }
};

[[noreturn]] void columnMissing(std::string_view name) {
  throw SpError(400, "-2147024809, System.ArgumentException",
                "Column '" + std::string(name) + "' does not exist. It may have been deleted by another user.");
}

Column bindColumn(const ListInfo& list, std::string_view name) {
  Column c;
  if (iequals(name, "ID") || iequals(name, "Id")) {
    c.kind = Column::Id;
    c.indexed = true;
    return c;
  }
  if (iequals(name, "FileSystemObjectType") || iequals(name, "FSObjType")) {
    c.kind = Column::FsObjType;
    return c;
  }
  if (iequals(name, "ContentType") || iequals(name, "ContentType/Name")) {
    c.kind = Column::ContentTypeName;
    return c;
  }
  const auto slash = name.find('/');
  const auto head = name.substr(0, slash);
  for (const auto& f : *list.fields) {
    if (!(iequals(f.restName(), head) || iequals(f.internalName, head))) continue;
    c.field = &f;
    c.indexed = f.indexed;
    if (slash == std::string_view::npos) return c;
    const auto tail = name.substr(slash + 1);
    if (f.type == FieldType::User || f.type == FieldType::UserMulti || f.type == FieldType::Lookup ||
        f.type == FieldType::LookupMulti) {
      if (iequals(tail, "Id") || iequals(tail, "ID")) return c;
      if (iequals(tail, "Title")) {
        c.kind = Column::UserTitle;
        return c;
      }
      if (iequals(tail, "EMail") || iequals(tail, "Email")) {
        c.kind = Column::UserEmail;
        return c;
      }
    }
    columnMissing(name);
  }
  columnMissing(name);
}

// A parsed $filter with its columns bound to the list once; evaluating an
// item reuses the value buffers, so it does not allocate per item.
class FilterMatcher {
 public:
  FilterMatcher(const ListInfo& list, const Filter& filter) : filter_(filter) {
    for (const auto& name : filter.fields()) cols_.push_back(bindColumn(list, name));
    rowValues_.resize(cols_.size());
  }

  const std::vector<Column>& columns() const { return cols_; }

  bool operator()(const Item& item) {
    if (filter_.matchesAll()) return true;
    if (const auto& ids = filter_.idCandidates(); ids && !ids->contains(item.id)) return false;
    if (filter_.idOnly()) return true;
    for (std::size_t i = 0; i < cols_.size(); ++i) cols_[i].values(item, rowValues_[i]);
    return filter_.matchesValuesByIndex([&](std::size_t i) {
      return Filter::Values{rowValues_[i].data(), rowValues_[i].size()};
    });
  }

 private:
  const Filter& filter_;
  std::vector<Column> cols_;
  std::vector<std::vector<Value>> rowValues_;
};

bool isWordChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Calls visit(pos, c) for every character of `text` outside '…' literals
// ('' escapes a quote), with the parenthesis depth before that character;
// visit returns how many characters it consumed (at least 1).
template <class Visit>
void scanOutsideLiterals(std::string_view text, Visit visit) {
  int depth = 0;
  for (std::size_t p = 0; p < text.size();) {
    const char c = text[p];
    if (c == '\'') {
      for (++p; p < text.size(); ++p) {
        if (text[p] != '\'') continue;
        if (p + 1 < text.size() && text[p + 1] == '\'') {
          ++p;
          continue;
        }
        ++p;
        break;
      }
      continue;
    }
    p += visit(p, depth);
    if (c == '(') ++depth;
    if (c == ')') --depth;
  }
}

// Whether the whole of `text` is one parenthesised group: "(a and b)", not "(a) and (b)".
bool wrappedInParens(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  bool wrapped = true;
  scanOutsideLiterals(text, [&](std::size_t p, int depth) -> std::size_t {
    if (text[p] == ')' && depth == 1 && p + 1 < text.size()) wrapped = false;
    return 1;
  });
  return wrapped;
}

// The top-level operands of a $filter's "and" chain ("and" binds looser than
// comparisons and "not", tighter than "or"), with redundant outer
// parentheses removed and nested chains flattened: "(ID gt 5) and (Title eq
// 'x')" → "ID gt 5", "Title eq 'x'". A top-level "or" leaves the filter (or
// that operand) whole.
void splitConjuncts(std::string_view text, std::vector<std::string_view>& out) {
  text = trimmed(text);
  std::vector<std::size_t> cuts;
  bool topLevelOr = false;
  scanOutsideLiterals(text, [&](std::size_t p, int depth) -> std::size_t {
    if (!isWordChar(text[p])) return 1;
    std::size_t end = p;
    while (end < text.size() && isWordChar(text[end])) ++end;
    const auto word = text.substr(p, end - p);
    if (depth == 0 && word == "and") cuts.push_back(p);
    if (depth == 0 && word == "or") topLevelOr = true;
    return end - p;
  });
  if (topLevelOr) {
    out.push_back(text);
  } else if (!cuts.empty()) {
    std::size_t start = 0;
    for (const auto cut : cuts) {
      splitConjuncts(text.substr(start, cut - start), out);
      start = cut + 3;
    }
    splitConjuncts(text.substr(start), out);
  } else if (wrappedInParens(text)) {
    splitConjuncts(text.substr(1, text.size() - 2), out);
  } else {
    out.push_back(text);
  }
}

// Whether at most `cap` items of the list match `filter`, counting no
// further than cap + 1. Walks only the filter's ID ranges when it has some.
bool matchesAtMost(const ItemStore& store, const ListInfo& list, const Filter& filter, std::size_t cap) {
  FilterMatcher matches(list, filter);
  std::size_t n = 0;
  const auto& ids = filter.idCandidates();
  if (!ids) {
    for (const auto& item : store.items(list.guid)) {
      if (matches(*item) && ++n > cap) return false;
    }
    return true;
  }
  if (ids->count() <= static_cast<std::int64_t>(cap)) return true;
  for (const auto& [first, last] : ids->ranges) {
    std::int64_t cursor = std::clamp<std::int64_t>(first == INT64_MIN ? 0 : first - 1, 0, INT32_MAX);
    bool inRange = true;
    while (inRange && cursor < last && cursor < INT32_MAX) {
      const auto chunk = store.itemRange(list.guid, static_cast<int>(cursor), 1024, false);
      if (chunk.empty()) return true;  // no items after this ID, in this range or a later one
      for (const auto& item : chunk) {
        if (item->id > last) {
          inRange = false;
          break;
        }
        if (matches(*item) && ++n > cap) return false;
        cursor = item->id;
      }
    }
  }
  return true;
}

// The list view threshold as SharePoint applies it to $filter (§4.3): a
// filter that reads a non-indexed column is allowed on a large list when its
// top-level and-ed conditions on indexed columns alone (ID, Modified) narrow
// the list to at most `threshold` items; the other conditions are then
// applied to those. No indexed condition, or a top-level "or", is a scan.
bool indexedConditionsNarrow(const ItemStore& store, const ListInfo& list, std::string_view text,
                             std::size_t threshold) {
  std::vector<std::string_view> parts;
  splitConjuncts(text, parts);
  if (parts.size() < 2) return false;
  std::string indexedText;
  for (const auto part : parts) {
    const auto f = parseFilter(part);
    if (!f || f->matchesAll() || f->fields().empty()) continue;
    const auto& names = f->fields();
    const bool indexed = std::all_of(names.begin(), names.end(),
                                     [&](const std::string& name) { return bindColumn(list, name).indexed; });
    if (!indexed) continue;
    if (!indexedText.empty()) indexedText += " and ";
    indexedText.append("(").append(part).append(")");
  }
  if (indexedText.empty()) return false;
  const auto indexedFilter = parseFilter(indexedText);
  return indexedFilter && matchesAtMost(store, list, *indexedFilter, threshold);
}

// A row's value for one $orderby key. SharePoint stores a blank column as
// NULL, so an empty string sorts (and pages) as NULL too; otherwise it would
// round-trip through an empty p_<Field>= as something else.
Value sortValue(const Column& col, const Item& item) {
  Value v = col.get(item);
  if (const auto* s = std::get_if<std::string>(&v); s && s->empty()) return Value{};
  return v;
}

// A p_<Field> value back to a sort value: "20240105 09:00:00" (SharePoint's
// p_ date form) to ISO. SharePoint writes NULL as an empty "p_<Field>=", and
// reading that as "" instead would sort it among the strings, so paging from
// a NULL would skip the remaining NULLs (asc) or repeat them forever (desc).
Value tokenValue(const Column& col, const std::string& text) {
  if (text.empty()) return Value{};
  if (col.kind == Column::Id || col.kind == Column::FsObjType) return static_cast<std::int64_t>(std::atoll(text.c_str()));
  if (col.kind != Column::Field || !col.field) return text;
  switch (col.field->type) {
    case FieldType::Number: return std::atof(text.c_str());
    case FieldType::Integer:
    case FieldType::Counter:
    case FieldType::User:
    case FieldType::Lookup: return static_cast<std::int64_t>(std::atoll(text.c_str()));
    case FieldType::Boolean:
    case FieldType::AllDayEvent:
    case FieldType::Recurrence: return text == "1" || iequals(text, "true");
    case FieldType::DateTime:
      if (text.size() == 17 && text[8] == ' ') {
        return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2) + "T" + text.substr(9) + "Z";
      }
      return normaliseIso(text).value_or(text);
    default: return text;
  }
}

std::string tokenText(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "1" : "0";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          JsonWriter w;
          w.number(x);
          return w.take();
        } else {
          return skipTokenDateValue(x);
        }
      },
      v);
}

std::string nextLink(const ApiContext& ctx, const SkipToken& token, std::int64_t top) {
  std::string link = ctx.origin + urlEncode(ctx.req.path, "/()',:$=@!*;+") + "?%24skiptoken=" + buildSkipToken(token) +
                     "&%24top=" + std::to_string(top);
  for (const char* key : {"$select", "$filter", "$orderby", "$expand"}) {
    const auto& v = queryValue(ctx, key);
    if (!v.empty()) link += std::string("&%24") + (key + 1) + "=" + urlEncode(v);
  }
  return link;
}

std::string collectionMetadata(const ListInfo& list) { return "SP.ListData." + list.entityTypeName() + "Items"; }

}  // namespace

Response handleItemsRead(ApiContext& ctx, const ListInfo& list) {
  ctx.route = "GET items";
  auto filter = parseFilter(queryValue(ctx, "$filter"));
  if (!filter) throw badRequest(filter.error().message);
  auto order = parseOrderBy(queryValue(ctx, "$orderby"));
  if (!order) throw badRequest(order.error().message);
  auto top = parseTop(queryValue(ctx, "$top"));
  if (!top) throw badRequest(top.error().message);
  SkipToken token;
  if (const auto* st = findParam(ctx.req.query, "$skiptoken")) {
    auto parsed = parseSkipToken(*st);
    if (!parsed) throw badRequest(parsed.error().message);
    token = *parsed;
  }
  const auto projection = makeProjection(list, queryValue(ctx, "$select"), queryValue(ctx, "$expand"));

  FilterMatcher matches(list, *filter);
  const auto& filterCols = matches.columns();
  const auto keys = withIdTiebreak(*order);
  std::vector<Column> keyCols;
  for (const auto& k : keys) keyCols.push_back(bindColumn(list, k.field));

  if (list.itemCount > kListViewThreshold) {
    const bool sortScans = std::any_of(keyCols.begin(), keyCols.end(), [](const Column& c) { return !c.indexed; });
    if (sortScans) throw listViewThreshold();
    const bool readsUnindexed = !filter->idOnly() &&
        std::any_of(filterCols.begin(), filterCols.end(), [](const Column& c) { return !c.indexed; });
    if (readsUnindexed &&
        !indexedConditionsNarrow(ctx.svc.store, list, queryValue(ctx, "$filter"),
                                 static_cast<std::size_t>(kListViewThreshold))) {
      throw listViewThreshold();
    }
  }

  const auto limit = static_cast<std::size_t>(*top);
  const bool idOrder = keys.size() == 1 && keyCols[0].kind == Column::Id;
  std::vector<ItemPtr> page;
  bool more = false;

  const auto& idRanges = filter->idCandidates();
  if (idOrder && !token.previous && !keys[0].descending && idRanges) {
    // "ID eq 3 or ID eq 9" (how clients re-read changed items): visit only
    // the ID ranges the filter allows instead of the whole list.
    const std::int64_t after = token.lastId.value_or(0);
    for (const auto& [first, last] : idRanges->ranges) {
      if (last <= after || page.size() > limit) continue;
      const std::int64_t from = first == INT64_MIN ? 0 : first - 1;
      int cursor = static_cast<int>(std::clamp<std::int64_t>(std::max(after, from), 0, INT32_MAX));
      while (page.size() <= limit && cursor < last) {
        const auto chunk = ctx.svc.store.itemRange(list.guid, cursor, limit + 1 - page.size(), false);
        if (chunk.empty()) break;
        for (const auto& item : chunk) {
          if (item->id > last) {
            cursor = static_cast<int>(last);
            break;
          }
          if (matches(*item)) page.push_back(item);
          cursor = item->id;
        }
      }
    }
  } else if (idOrder && !token.previous) {
    // Fast path: walk the ID index from the token on, no snapshot of the list.
    const bool desc = keys[0].descending;
    int cursor = token.lastId ? static_cast<int>(*token.lastId) : (desc ? INT32_MAX : 0);
    while (page.size() <= limit) {
      const auto chunk = ctx.svc.store.itemRange(list.guid, cursor, std::max<std::size_t>(limit + 1, 256), desc);
      if (chunk.empty()) break;
      for (const auto& item : chunk) {
        if (matches(*item)) page.push_back(item);
        if (page.size() > limit) break;
      }
      cursor = chunk.back()->id;
    }
  } else {
    std::vector<ItemPtr> rows;
    for (auto& item : ctx.svc.store.items(list.guid)) {
      if (matches(*item)) rows.push_back(std::move(item));
    }
    std::vector<std::vector<Value>> keyValues(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (const auto& c : keyCols) keyValues[r].push_back(sortValue(c, *rows[r]));
    }
    std::vector<std::size_t> idx(rows.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return compareRows(keys, keyValues[a].data(), keyValues[b].data()) < 0;
    });
    std::size_t start = 0, end = idx.size();
    if (token.paged && token.lastId) {
      std::vector<Value> tokenRow;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keyCols[k].kind == Column::Id) {
          tokenRow.push_back(static_cast<std::int64_t>(*token.lastId));
          continue;
        }
        std::string text;
        for (const auto& [name, value] : token.sortValues) {
          if (iequals(name, keys[k].field)) text = value;
        }
        tokenRow.push_back(tokenValue(keyCols[k], text));
      }
      auto cmp = [&](std::size_t r) { return compareRows(keys, keyValues[r].data(), tokenRow.data()); };
      if (token.previous) {
        end = static_cast<std::size_t>(std::find_if(idx.begin(), idx.end(), [&](std::size_t r) { return cmp(r) >= 0; }) - idx.begin());
        start = end > limit ? end - limit : 0;
      } else {
        start = static_cast<std::size_t>(std::find_if(idx.begin(), idx.end(), [&](std::size_t r) { return cmp(r) > 0; }) - idx.begin());
      }
    }
    for (std::size_t i = start; i < end && page.size() <= limit; ++i) page.push_back(rows[idx[i]]);
    if (token.previous) more = start > 0;
  }
  if (!token.previous && page.size() > limit) {
    more = true;
    page.resize(limit);
  }

  std::string next;
  if (more && !page.empty() && !token.previous) {
    SkipToken t;
    t.paged = true;
    const auto& last = *page.back();
    t.lastId = last.id;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (keyCols[k].kind != Column::Id) t.sortValues.emplace_back(keys[k].field, tokenText(sortValue(keyCols[k], last)));
    }
    next = nextLink(ctx, t, *top);
  }

  JsonWriter w;
  // An item of the demo's lists is about 550 bytes with metadata; room for
  // a little more. Memory not written to is never touched.
  w.reserve(4096 + page.size() * 768);
  beginCollection(w, ctx, collectionMetadata(list));
  for (const auto& item : page) writeItem(w, ctx, list, *item, *projection);
  endCollection(w, ctx, next);
  return jsonResponse(ctx, 200, w.take());
}

Response handleItemRead(ApiContext& ctx, const ListInfo& list, int id) {
  ctx.route = "GET item";
  const auto item = ctx.svc.store.item(list.guid, id);
  if (!item) throw itemNotFound();
  const auto projection = makeProjection(list, queryValue(ctx, "$select"), queryValue(ctx, "$expand"));
  Response r = jsonResponse(ctx, 200, singleItemBody(ctx, list, *item, *projection));
  r.setHeader("ETag", item->etagHeader());
  return r;
}

}  // namespace deskpane::emu
