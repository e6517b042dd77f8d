#include "sync/item_page_reader.h"

#include "sync/http_etag.h"
#include "sync/item_json.h"
#include "sync/item_schema_check.h"
#include "sync/list_schema.h"

// A page that is stored is parsed from its whole text in memory, which lets
// RapidJSON read it through a plain pointer and scan strings 16 bytes at a
// time (SSE2, part of every x86-64 CPU). Its UTF-8 is checked beforehand in
// one pass (firstRefusedByte), so RapidJSON copies strings without decoding
// them. RapidJSON 1.1.0's (Debian's) SSE2 string scan lets the raw control
// bytes 0x1A..0x1F through as text; firstRefusedByte refuses them, which
// takes nothing JSON allows: they are not whitespace outside strings either.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/en.h>
#include <libdeflate.h>
#include <rapidjson/reader.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <numeric>
#include <type_traits>
#include <utility>

namespace deskpane::sync {

namespace {

namespace rj = rapidjson;

// Values nested inside items deeper than this are no field SharePoint sends
// (a URL or user value is two levels); the bound keeps a hostile page from
// building a tree as deep as it is long.
constexpr std::size_t kMaxNesting = 32;

// The text of a page that is stored is followed by this many NUL bytes:
// RapidJSON's SSE2 scans load aligned 16-byte blocks up to a string's closing
// quote or the text's end, and the padding keeps the last block inside the
// buffer.
constexpr std::size_t kPadding = 16;

// The text of a compressed answer, inflated whole (never past `max` bytes).
struct Inflated {
  std::string text;
  std::string failure;
  bool tooLarge = false;
};

// A zlib inflater (gzip or zlib header, detected), ended with its owner.
class ZlibInflater {
 public:
  ZlibInflater() { ok_ = inflateInit2(&zs_, 15 + 32) == Z_OK; }
  ~ZlibInflater() {
    if (ok_) inflateEnd(&zs_);
  }
  ZlibInflater(const ZlibInflater&) = delete;
  ZlibInflater& operator=(const ZlibInflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& z() { return zs_; }

 private:
  z_stream zs_{};
  bool ok_ = false;
};

// The check of a page alone reads it as a stream, a byte at a time, so that
// it never holds the page's whole text: five lists' fetchers check their
// pages side by side. RapidJSON's stream concept over text in memory.
// Peek() gives '\0' at the end; whether a '\0' was the end or a byte of the
// page is told by atEnd().
class TextStream {
 public:
  using Ch = char;
  explicit TextStream(std::string_view s) : s_(s) {}
  Ch Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  Ch Take() { return i_ < s_.size() ? s_[i_++] : '\0'; }
  std::size_t Tell() const { return i_; }
  bool atEnd() const { return i_ == s_.size(); }
  bool failed() const { return false; }
  // Only in-situ parsing writes to the stream; this one is read-only.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// The same over a gzip or zlib stream, inflated 64 KiB at a time: the page's
// text never exists whole. Inflating stops (and the stream reports failure)
// past `max` bytes of text, on corrupt input, and on input that ends before
// the compressed stream does.
class InflatingStream {
 public:
  using Ch = char;
  // `verify` false: the gzip or zlib check value is not computed, for a
  // pass whose text is inflated and checked again later.
  InflatingStream(std::string_view in, std::size_t max, bool verify = true) : max_(max) {
    ok_ = zlib_.ok() && (verify || inflateValidate(&zlib_.z(), 0) == Z_OK);
    if (!ok_) failure_ = "the compressed answer could not be read";
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    left_ = in.size();
  }

  Ch Peek() const {
    if (pos_ == len_) refill();
    return pos_ < len_ ? buf_[pos_] : '\0';
  }
  Ch Take() {
    if (pos_ == len_) refill();
    if (pos_ == len_) return '\0';
    ++told_;
    return buf_[pos_++];
  }
  std::size_t Tell() const { return told_; }
  bool atEnd() const {
    if (pos_ == len_) refill();
    return pos_ == len_ && ended_ && failure_.empty();
  }
  const std::string& failure() const { return failure_; }
  // Inflates the rest without keeping it: whether a page that failed to
  // parse was also a bomb (refused for good) or only broken (worth a retry).
  void drain() {
    while (failure_.empty() && !ended_) {
      pos_ = len_;
      refill();
    }
  }
  bool tooLarge() const { return tooLarge_; }
  // The rest of the inflated block under the read position, then the next
  // block: empty at the end of the text or on a failure.
  std::string_view takeBlock() {
    if (pos_ == len_) refill();
    const std::string_view block(buf_ + pos_, len_ - pos_);
    told_ += block.size();
    pos_ = len_;
    return block;
  }
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

 private:
  void refill() const {
    pos_ = len_ = 0;
    while (len_ == 0 && !ended_ && failure_.empty()) {
      if (zs_.avail_in == 0) {
        if (left_ == 0) {
          failure_ = "the compressed answer ends before its stream does";
          return;
        }
        const auto step = static_cast<uInt>(std::min<std::size_t>(left_, 1u << 30));
        zs_.avail_in = step;
        left_ -= step;
      }
      zs_.next_out = reinterpret_cast<Bytef*>(buf_);
      zs_.avail_out = sizeof buf_;
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) ended_ = true;
      else if (rc != Z_OK) failure_ = "the compressed answer is corrupt";
      len_ = sizeof buf_ - zs_.avail_out;
      total_ += len_;
      if (total_ > max_) {
        tooLarge_ = true;
        failure_ = "the compressed answer inflates past the limit of " + std::to_string(max_ >> 20) + " MiB";
        len_ = 0;
      }
    }
  }

  std::size_t max_;
  bool ok_ = false;
  ZlibInflater zlib_;
  z_stream& zs_ = zlib_.z();
  mutable std::size_t left_ = 0;
  mutable char buf_[64 * 1024];
  mutable std::size_t pos_ = 0, len_ = 0, total_ = 0;
  mutable bool ended_ = false, tooLarge_ = false;
  mutable std::string failure_;
  std::size_t told_ = 0;
};

// One libdeflate decompressor for the life of the call.
class Decompressor {
 public:
  Decompressor() : d_(libdeflate_alloc_decompressor()) {}
  ~Decompressor() {
    if (d_) libdeflate_free_decompressor(d_);
  }
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
  libdeflate_decompressor* get() const { return d_; }

 private:
  libdeflate_decompressor* d_;
};

// A gzip member's text in one call, into a buffer of the size its trailer
// gives (ISIZE, the size modulo 2^32), CRC and size checked. nullopt when
// that cannot be done as it stands: not gzip, a size past `max`, or any
// failure; zlib then reads the page and says what is wrong with it.
std::optional<std::string> gunzipWhole(std::string_view in, std::size_t max) {
  if (in.size() < 18 || static_cast<unsigned char>(in[0]) != 0x1f || static_cast<unsigned char>(in[1]) != 0x8b)
    return std::nullopt;
  const auto* end = reinterpret_cast<const unsigned char*>(in.data() + in.size());
  const std::size_t size = std::size_t{end[-4]} | std::size_t{end[-3]} << 8 | std::size_t{end[-2]} << 16 |
                           std::size_t{end[-1]} << 24;
  if (size > max) return std::nullopt;
  const Decompressor d;
  if (!d.get()) return std::nullopt;
  std::string text;
  text.reserve(size + kPadding);
  text.resize(size);
  std::size_t used = 0, written = 0;
  if (libdeflate_gzip_decompress_ex(d.get(), in.data(), in.size(), text.data(), size, &used, &written) !=
          LIBDEFLATE_SUCCESS ||
      written != size)
    return std::nullopt;
  return text;
}

Inflated inflateWhole(std::string_view in, std::size_t max) {
  Inflated out;
  if (auto text = gunzipWhole(in, max)) {
    out.text = std::move(*text);
    return out;
  }
  // A page's text is about eight times its gzip; the guess saves the copies
  // of growing from nothing, the bound keeps a bomb from reserving much.
  out.text.reserve(std::min(max, std::max<std::size_t>(in.size() * 10, 64 * 1024)) + kPadding);
  InflatingStream stream(in, max);
  for (auto block = stream.takeBlock(); !block.empty(); block = stream.takeBlock()) out.text.append(block);
  if (!stream.failure().empty()) {
    out.failure = stream.failure();
    out.tooLarge = stream.tooLarge();
    out.text.clear();
  }
  return out;
}

bool isMetadataKey(std::string_view key) {
  return key.substr(0, 6) == "odata." || key == "__metadata" || key.substr(0, 6) == "@odata";
}

// A value nested in an item field (a multi-value array, a URL or an
// $expand'ed user): small and rare, so a plain tree.
struct Node {
  enum class Type { Null, Bool, Int, Uint, Double, String, Array, Object } type = Type::Null;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string s;
  std::vector<std::string> keys;  // objects: keys[n] names values[n]
  std::vector<Node> values;       // array elements or object members

  const Node* member(std::string_view name) const {
    for (std::size_t n = 0; n < keys.size(); ++n)
      if (keys[n] == name) return &values[n];
    return nullptr;
  }
};

void appendEscaped(std::string_view s, std::string& out) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// JSON text as the cache has always stored structured values (cpprest's
// serializer wrote them before): no spaces, object keys sorted, doubles with
// 17 significant digits. The same value read twice is then the same text,
// whichever parser read it.
void serialize(const Node& n, std::string& out, bool dropMetadata = false) {
  switch (n.type) {
    case Node::Type::Null: out += "null"; break;
    case Node::Type::Bool: out += n.b ? "true" : "false"; break;
    case Node::Type::Int: out += std::to_string(n.i); break;
    case Node::Type::Uint: out += std::to_string(n.u); break;
    case Node::Type::Double: {
      // to_chars, not printf: the C library's locale would write 0,5 (D-sync-8).
      char buf[40];
      const auto r = std::to_chars(buf, buf + sizeof buf, n.d, std::chars_format::general, 17);
      out.append(buf, r.ptr);
      break;
    }
    case Node::Type::String: appendEscaped(n.s, out); break;
    case Node::Type::Array:
      out += '[';
      for (std::size_t k = 0; k < n.values.size(); ++k) {
        if (k) out += ',';
        serialize(n.values[k], out);
      }
      out += ']';
      break;
    case Node::Type::Object: {
      std::vector<std::size_t> order(n.keys.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return n.keys[a] < n.keys[b]; });
      out += '{';
      bool first = true;
      for (const auto k : order) {
        if (dropMetadata && n.keys[k] == "__metadata") continue;
        if (!first) out += ',';
        first = false;
        appendEscaped(n.keys[k], out);
        out += ':';
        serialize(n.values[k], out);
      }
      out += '}';
      break;
    }
  }
}

// Moves a string out of `n`: each value is stored once, right after it is read.
std::optional<FieldValue> scalarValue(Node& n) {
  switch (n.type) {
    case Node::Type::Null: return FieldValue{std::monostate{}};
    case Node::Type::Bool: return FieldValue{n.b};
    case Node::Type::Int: return FieldValue{n.i};
    case Node::Type::Uint:
      if (n.u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return FieldValue{static_cast<std::int64_t>(n.u)};
      return FieldValue{static_cast<double>(n.u)};
    case Node::Type::Double: return FieldValue{n.d};
    case Node::Type::String: return FieldValue{std::move(n.s)};
    default: return std::nullopt;
  }
}

// What a field holds, as the cache keeps it: scalars as themselves, arrays
// and objects as their JSON text (verbose `{"results":[…]}` as the array),
// navigation links (`__deferred`) not at all.
std::optional<FieldValue> fieldValueOf(Node& n) {
  if (auto v = scalarValue(n)) return v;
  std::string text;
  if (n.type == Node::Type::Array) {
    serialize(n, text);
    return FieldValue{std::move(text)};
  }
  if (n.member("__deferred")) return std::nullopt;
  if (const auto* results = n.member("results"); results && results->type == Node::Type::Array) {
    serialize(*results, text);
    return FieldValue{std::move(text)};
  }
  serialize(n, text, true);
  return FieldValue{std::move(text)};
}

// Leading digits of a string as SharePoint's numeric text ("12"), else nullopt.
std::optional<std::int64_t> integerText(std::string_view s) {
  std::size_t k = 0;
  bool negative = false;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  if (k < s.size() && (s[k] == '-' || s[k] == '+')) negative = s[k++] == '-';
  std::int64_t v = 0;
  const std::size_t start = k;
  for (; k < s.size() && s[k] >= '0' && s[k] <= '9'; ++k) {
    if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
    v = v * 10 + (s[k] - '0');
  }
  if (k == start) return std::nullopt;
  return negative ? -v : v;
}

// A whole number: from an integer or a numeric string (owshiddenversion and
// ID have come both ways); a double is truncated as before.
std::optional<std::int64_t> integerOf(const Node& n) {
  switch (n.type) {
    case Node::Type::Int: return n.i;
    case Node::Type::Uint:
      if (n.u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return static_cast<std::int64_t>(n.u);
      return std::nullopt;
    case Node::Type::Double:
      if (std::isfinite(n.d) && std::fabs(n.d) < 9e18) return static_cast<std::int64_t>(n.d);
      return std::nullopt;
    case Node::Type::String: return integerText(n.s);
    default: return std::nullopt;
  }
}

// Who gets a read's items, and in which form: Items, rows (ItemRows), or
// nobody (a check alone).
struct Receiver {
  const ItemChunkSink* items = nullptr;
  const ItemRowSink* rows = nullptr;
  ListKind kind = ListKind::Calendar;  // rows: the schema they are held to
  std::size_t chunkSize = kItemChunk;

  bool keeps() const { return (items && *items) || (rows && *rows); }
};

// The token handler: a stack of what each open container is.
class PageHandler : public rj::BaseReaderHandler<rj::UTF8<>, PageHandler> {
 public:
  // `textStays`: the parse is in situ, so the text of a key stays where it
  // lies until the parse ends and the item's key can be a view of it.
  PageHandler(const Receiver& to, bool textStays)
      : to_(to),
        keep_(to.keeps()),
        asRows_(to.rows && *to.rows),
        textStays_(textStays),
        chunkSize_(std::max<std::size_t>(to.chunkSize, 1)) {
    if (keep_) chunk_.reserve(chunkSize_);
    if (asRows_) json_.reserve(chunkSize_);
  }

  std::string problem;  // why the handler stopped the parse
  bool stopped = false;
  bool notInSchema = false;  // the problem is an item that does not fit the schema
  bool sawItems = false;
  std::string nextLink;
  std::size_t items = 0;

  bool flush() {
    if (!keep_ || chunk_.empty()) return true;
    std::vector<Item> out;
    out.swap(chunk_);
    chunk_.reserve(chunkSize_);
    bool more = true;
    if (asRows_) {
      ItemRows rows{std::move(out), {}};
      rows.fieldsJson.swap(json_);
      json_.reserve(chunkSize_);
      more = (*to_.rows)(std::move(rows));
    } else {
      more = (*to_.items)(std::move(out));
    }
    if (!more) {
      stopped = true;
      problem = "stopped";
      return false;
    }
    return true;
  }

  // ---- RapidJSON's handler interface
  bool Null() { return scalar(Node{}); }
  bool Bool(bool b) {
    Node n;
    n.type = Node::Type::Bool;
    n.b = b;
    return scalar(std::move(n));
  }
  bool Int(int v) { return Int64(v); }
  bool Uint(unsigned v) { return Int64(v); }
  bool Int64(std::int64_t v) {
    Node n;
    n.type = Node::Type::Int;
    n.i = v;
    return scalar(std::move(n));
  }
  bool Uint64(std::uint64_t v) {
    Node n;
    if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      n.type = Node::Type::Int;
      n.i = static_cast<std::int64_t>(v);
    } else {
      n.type = Node::Type::Uint;
      n.u = v;
    }
    return scalar(std::move(n));
  }
  bool Double(double d) {
    Node n;
    n.type = Node::Type::Double;
    n.d = d;
    return scalar(std::move(n));
  }
  bool String(const char* s, rj::SizeType length, bool) {
    if (asRows_ && !frames_.empty() && frames_.back() == Frame::Item) return itemText({s, length});
    Node n;
    n.type = Node::Type::String;
    n.s.assign(s, length);
    return scalar(std::move(n));
  }
  bool Key(const char* s, rj::SizeType length, bool) {
    switch (frames_.back()) {
      case Frame::Page: pageKey_.assign(s, length); return true;
      case Frame::Item:
        if (textStays_) {
          itemKey_ = {s, length};
        } else {
          ownedItemKey_.assign(s, length);
          itemKey_ = ownedItemKey_;
        }
        return true;
      case Frame::Build: building_.back()->keys.emplace_back(s, length); return true;
      default: return true;  // Skip
    }
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rj::SizeType) { return close(); }
  bool EndArray(rj::SizeType) { return close(); }

 private:
  enum class Frame { Page, Items, Item, Build, Skip };

  // One field of a row being read: offsets into rowText_. Small and plain,
  // so that sorting an item's fields moves a few words each.
  struct RowField {
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t nameAt = 0, valueAt = 0, valueEnd = 0;
    std::size_t problem = kNone;  // the schema's, an index into rowProblems_
    const FieldSpec* spec = nullptr;
  };

  // The fields of the last item read as a row: their names in the order
  // they came, each one's spec, and the order fieldsToJson writes them in.
  struct Shape {
    std::string names;
    std::vector<std::size_t> ends;  // names[ends[k-1], ends[k]) is the k-th
    std::vector<const FieldSpec*> specs;
    std::vector<std::size_t> order;
    std::vector<std::string> members;  // each name as the row's JSON has it: `"Title":`

    std::string_view name(std::size_t k) const {
      const std::size_t begin = k == 0 ? 0 : ends[k - 1];
      return std::string_view(names).substr(begin, ends[k] - begin);
    }
  };

  bool fail(std::string why) {
    problem = std::move(why);
    return false;
  }

  bool open(bool object) {
    if (frames_.size() >= kMaxNesting + 4) return fail("values nest deeper than " + std::to_string(kMaxNesting));
    if (frames_.empty()) {
      if (!object) return fail("the answer is not an object");
      frames_.push_back(Frame::Page);
      return true;
    }
    switch (frames_.back()) {
      case Frame::Page:
        if (!object && (pageKey_ == "value" || pageKey_ == "results")) {
          sawItems = true;
          frames_.push_back(Frame::Items);
        } else if (object && pageKey_ == "d") {
          frames_.push_back(Frame::Page);
        } else if (pageKey_ == "odata.nextLink" || pageKey_ == "__next") {
          return fail("the next link is not text");
        } else {
          frames_.push_back(Frame::Skip);
        }
        return true;
      case Frame::Items:
        if (!object) return fail("an item is not an object");
        frames_.push_back(Frame::Item);
        startItem();
        return true;
      case Frame::Item:
        if (itemKey_ == "Id" || itemKey_ == "ID") return fail("an item's " + std::string(itemKey_) + " is not a number");
        if (isSchemaField(itemKey_))
          return fail("the field '" + std::string(itemKey_) + "' holds " + (object ? "an object" : "an array") +
                      ", not a value");
        // A check alone needs no values: only their shape, checked above.
        if (!keep_ || (isMetadataKey(itemKey_) && itemKey_ != "__metadata")) {
          frames_.push_back(Frame::Skip);
          return true;
        }
        root_ = Node{};
        root_.type = object ? Node::Type::Object : Node::Type::Array;
        building_.assign(1, &root_);
        frames_.push_back(Frame::Build);
        return true;
      case Frame::Build: {
        Node* parent = building_.back();
        parent->values.emplace_back();
        Node* child = &parent->values.back();
        child->type = object ? Node::Type::Object : Node::Type::Array;
        building_.push_back(child);
        frames_.push_back(Frame::Build);
        return true;
      }
      case Frame::Skip: frames_.push_back(Frame::Skip); return true;
    }
    return false;
  }

  bool close() {
    const Frame was = frames_.back();
    frames_.pop_back();
    switch (was) {
      case Frame::Item: return endItem();
      case Frame::Build:
        building_.pop_back();
        if (building_.empty()) return itemValue(root_);
        return true;
      default: return true;
    }
  }

  bool scalar(Node&& n) {
    if (frames_.empty()) return fail("the answer is not an object");
    switch (frames_.back()) {
      case Frame::Page:
        if (pageKey_ == "odata.nextLink" || pageKey_ == "__next") {
          if (n.type == Node::Type::String) nextLink = std::move(n.s);
          else if (n.type == Node::Type::Null) nextLink.clear();
          else return fail("the next link is not text");
        }
        return true;
      case Frame::Items: return fail("an item is not an object");
      case Frame::Item: return itemValue(n);
      case Frame::Build: building_.back()->values.push_back(std::move(n)); return true;
      case Frame::Skip: return true;
    }
    return false;
  }

  void startItem() {
    item_ = Item{};
    idSeen_ = false;
    upperId_.reset();
    etag_.reset();
    metaEtag_.reset();
    hidden_.reset();
    rowText_.clear();
    rowFields_.clear();
    rowProblems_.clear();
    sameShape_ = true;
  }

  // One member of the item being read, complete.
  bool itemValue(Node& n) {
    // A view, so each comparison with a name below is a length check and at
    // most one memcmp (std::string's compare with a char* runs strlen first).
    const std::string_view key = itemKey_;
    if (key == "Id") {
      if (n.type != Node::Type::Int || n.i <= 0) return fail("an item's Id is not a whole number above 0");
      idSeen_ = true;
      item_.id = n.i;
      return true;
    }
    if (key == "ID") {
      upperId_ = integerOf(n);
      return true;
    }
    if (!keep_) return true;
    if (key == "odata.etag") {
      if (n.type == Node::Type::String) etag_ = httpEtagVersion(n.s);
      return true;
    }
    if (key == "__metadata") {
      if (const auto* e = n.member("etag"); e && e->type == Node::Type::String) metaEtag_ = httpEtagVersion(e->s);
      return true;
    }
    if (isMetadataKey(key)) return true;
    if (key == "owshiddenversion") hidden_ = integerOf(n);
    if (key == "GUID") item_.uniqueId = n.type == Node::Type::String ? n.s : std::string{};
    if (key == "Modified") item_.modified = n.type == Node::Type::String ? n.s : std::string{};
    if (n.type == Node::Type::Object && !n.member("results") && !n.member("__deferred") &&
        (n.member("Title") || n.member("EMail") || n.member("Id"))) {
      // $expand'ed lookups (`"Author":{"Title":"Alice"}`) are flattened to
      // "Author/Title" — the name they were $select'ed under.
      for (std::size_t k = 0; k < n.keys.size(); ++k) {
        if (isMetadataKey(n.keys[k])) continue;
        if (auto v = fieldValueOf(n.values[k])) addField(std::string(itemKey_) + "/" + n.keys[k], std::move(*v));
      }
      return true;
    }
    if (asRows_ && n.type == Node::Type::String) {
      addText(itemKey_, n.s);
      return true;
    }
    if (auto v = fieldValueOf(n)) addField(itemKey_, std::move(*v));
    return true;
  }

  // A text member of an item read as rows, straight from where the parser
  // left it: the members whose text means more than a field's (ids,
  // versions) take itemValue's way; a field's text is written into the row
  // without a copy in between.
  bool itemText(std::string_view text) {
    const std::string_view key = itemKey_;
    if (key == "Id" || key == "ID" || key == "odata.etag" || key == "__metadata" || key == "owshiddenversion") {
      text_.type = Node::Type::String;
      text_.s.assign(text);
      return itemValue(text_);
    }
    if (isMetadataKey(key)) return true;
    if (key == "GUID") item_.uniqueId.assign(text);
    if (key == "Modified") item_.modified.assign(text);
    addText(key, text);
    return true;
  }

  // A field of the item being read. As rows, its name and its value's JSON
  // text go into one buffer reused item after item, and the schema's verdict
  // on it is kept until the item's end, when a later field of the same name
  // may have replaced it.
  void addField(std::string_view name, FieldValue&& value) {
    if (!asRows_) {
      item_.fields.insert_or_assign(std::string(name), std::move(value));
      return;
    }
    const FieldSpec* spec = specAt(rowFields_.size(), name);
    addRowField(name, spec, [&](std::string& out) { appendValueJson(out, value); }, fieldProblem(spec, name, value));
  }

  // A text field of a row, written from where it lies.
  void addText(std::string_view name, std::string_view text) {
    const FieldSpec* spec = specAt(rowFields_.size(), name);
    addRowField(name, spec, [&](std::string& out) { appendJsonString(out, text); },
                textFieldProblem(spec, name, text));
  }

  // The schema's spec of the item's field number `at`, named `name`. The
  // items of a page nearly always bring the same fields in the same order,
  // so the last item's shape answers without a search while it holds.
  const FieldSpec* specAt(std::size_t at, std::string_view name) {
    if (sameShape_ && at < shape_.specs.size() && shape_.name(at) == name) return shape_.specs[at];
    sameShape_ = false;
    return findField(to_.kind, name);
  }

  template <class WriteValue>
  void addRowField(std::string_view name, const FieldSpec* spec, const WriteValue& writeValue,
                   std::optional<std::string>&& problem) {
    RowField f;
    f.spec = spec;
    f.nameAt = rowText_.size();
    rowText_.append(name);
    f.valueAt = rowText_.size();
    writeValue(rowText_);
    f.valueEnd = rowText_.size();
    if (problem) {
      f.problem = rowProblems_.size();
      rowProblems_.push_back(std::move(*problem));
    }
    rowFields_.push_back(f);
  }

  // The item's fields as fieldsToJson writes a Fields map: names in the
  // map's order, the last of equal names kept (as insert_or_assign keeps
  // it). False, with the problem, when a field does not fit the schema; the
  // first in that order is the one schemaProblem names.
  bool endRow() {
    const std::string_view text = rowText_;
    const auto name = [&](const RowField& f) { return text.substr(f.nameAt, f.valueAt - f.nameAt); };
    // The same names in the same order as the last item's (specAt compared
    // them as they came) are sorted the same way: its order is used again.
    if (!sameShape_ || rowFields_.size() != shape_.specs.size()) rememberShape(name);
    const auto& order = shape_.order;
    std::string json;
    json.reserve(rowText_.size() + 4 * rowFields_.size() + 2);
    json.push_back('{');
    for (std::size_t k = 0; k < order.size(); ++k) {
      const RowField& f = rowFields_[order[k]];
      if (k + 1 < order.size() && name(rowFields_[order[k + 1]]) == name(f)) continue;  // a later one replaced it
      if (f.problem != RowField::kNone) {
        notInSchema = true;
        return fail("item " + std::to_string(item_.id) + ": " + rowProblems_[f.problem]);
      }
      if (json.size() > 1) json.push_back(',');
      json.append(shape_.members[order[k]]);
      json.append(text.substr(f.valueAt, f.valueEnd - f.valueAt));
    }
    json.push_back('}');
    json_.push_back(std::move(json));
    rowText_.clear();
    rowFields_.clear();
    rowProblems_.clear();
    return true;
  }

  // Sorts the item's fields into fieldsToJson's order (by name; equal
  // names in the order they came, as nameAt grows with it) and keeps that
  // as the shape the next items are compared with.
  template <class Name>
  void rememberShape(const Name& name) {
    shape_.names.clear();
    shape_.ends.clear();
    shape_.specs.clear();
    shape_.members.clear();
    for (const RowField& f : rowFields_) {
      shape_.names.append(name(f));
      shape_.ends.push_back(shape_.names.size());
      shape_.specs.push_back(f.spec);
      std::string member;
      appendJsonString(member, name(f));
      member.push_back(':');
      shape_.members.push_back(std::move(member));
    }
    shape_.order.resize(rowFields_.size());
    std::iota(shape_.order.begin(), shape_.order.end(), std::size_t{0});
    std::sort(shape_.order.begin(), shape_.order.end(), [&](std::size_t a, std::size_t b) {
      const int order = name(rowFields_[a]).compare(name(rowFields_[b]));
      return order != 0 ? order < 0 : a < b;
    });
  }

  bool endItem() {
    if (!idSeen_) {
      if (!upperId_ || *upperId_ <= 0) return fail("an item has no Id");
      item_.id = *upperId_;
    }
    ++items;
    if (!keep_) return true;
    std::optional<long long> version = etag_;
    if (!version) version = metaEtag_;
    // nometadata carries no etag; owshiddenversion is the same number.
    if (!version && hidden_ && *hidden_ >= 0) version = *hidden_;
    item_.etag = version ? ifMatchFor(*version) : std::string{};
    if (asRows_ && !endRow()) return false;
    chunk_.push_back(std::move(item_));
    if (chunk_.size() >= chunkSize_) return flush();
    return true;
  }

  const Receiver& to_;
  bool keep_;    // false: the page is checked, its items are not built
  bool asRows_;  // items leave as rows (ItemRows), their fields as JSON text
  bool textStays_;
  std::size_t chunkSize_;
  std::string rowText_;
  std::vector<RowField> rowFields_;
  Shape shape_;
  bool sameShape_ = true;  // the item's fields so far are the shape's first ones
  std::vector<std::string> rowProblems_;
  std::vector<std::string> json_;  // the rows' JSON, beside chunk_
  std::vector<Frame> frames_;
  std::string pageKey_;
  std::string_view itemKey_;    // the text's own, or ownedItemKey_
  std::string ownedItemKey_;
  Node root_;
  Node text_;  // rows: the item's text being read
  std::vector<Node*> building_;
  Item item_;
  bool idSeen_ = false;
  std::optional<std::int64_t> upperId_;
  std::optional<long long> etag_, metaEtag_;
  std::optional<std::int64_t> hidden_;
  std::vector<Item> chunk_;
};

// A check alone, streamed; UTF-8 is checked as strings are read.
template <class Stream>
ItemPageResult checkStream(Stream& stream, const Receiver& to) {
  ItemPageResult result;
  PageHandler handler(to, false);
  rj::Reader reader;
  // Iterative: no recursion however deep a hostile page nests; full
  // precision: 0.3 is read as strtod reads it; valid UTF-8 only, since the
  // text ends up in the cache and on screen.
  constexpr unsigned kFlags =
      rj::kParseIterativeFlag | rj::kParseStopWhenDoneFlag | rj::kParseFullPrecisionFlag | rj::kParseValidateEncodingFlag;
  const auto parsed = reader.Parse<kFlags>(stream, handler);
  auto failWith = [&](std::string message) {
    result.failure.message = std::move(message);
    return result;
  };
  if (handler.stopped) {
    result.failure.stopped = true;
    return failWith("stopped");
  }
  if constexpr (std::is_same_v<Stream, InflatingStream>) {
    if (!stream.failure().empty()) {
      result.failure.tooLarge = stream.tooLarge();
      return failWith(stream.failure());
    }
  }
  if (parsed.IsError()) {
    if constexpr (std::is_same_v<Stream, InflatingStream>) {
      stream.drain();
      if (stream.tooLarge()) {
        result.failure.tooLarge = true;
        return failWith(stream.failure());
      }
    }
    if (!handler.problem.empty()) return failWith(handler.problem);
    return failWith(std::string("not JSON at byte ") + std::to_string(parsed.Offset()) + ": " +
                    rj::GetParseError_En(parsed.Code()));
  }
  while (stream.Peek() == ' ' || stream.Peek() == '\n' || stream.Peek() == '\r' || stream.Peek() == '\t') stream.Take();
  if (!stream.atEnd()) {
    if constexpr (std::is_same_v<Stream, InflatingStream>) {
      if (!stream.failure().empty()) {
        result.failure.tooLarge = stream.tooLarge();
        return failWith(stream.failure());
      }
    }
    return failWith("bytes follow the page's JSON");
  }
  if (!handler.sawItems) return failWith("no items in the answer (neither value nor results)");
  if (!handler.flush()) {
    result.failure.stopped = true;
    return failWith("stopped");
  }
  result.page = ItemPageSummary{std::move(handler.nextLink), handler.items};
  return result;
}

// What a byte found by firstRefusedByte breaks.
enum class Refusal { None, Utf8, ControlByte };

struct RefusedByte {
  Refusal what = Refusal::None;
  std::size_t at = 0;
};

// The first byte that starts no well-formed UTF-8 sequence (Unicode's table
// of well-formed byte sequences: no overlongs, no surrogates, nothing past
// U+10FFFF, nothing cut short), or that is one of the control bytes
// 0x1A..0x1F. Outside strings any byte above 0x7F is a parse error anyway.
RefusedByte firstRefusedByte(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
  std::size_t i = 0;
  while (i < n) {
    // Runs of printable ASCII, eight bytes at a time: no byte with its top
    // bit set, none below 0x20 (the subtraction borrows into a top bit).
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, sizeof word);
      if (((word | (word - kSpaces)) & kHigh) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned c = p[i];
    if (c < 0x80) {
      if (c >= 0x1A && c <= 0x1F) return {Refusal::ControlByte, i};
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned low = 0x80, high = 0xBF;  // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) length = 3, low = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) length = 3;
    else if (c == 0xED) length = 3, high = 0x9F;
    else if (c == 0xF0) length = 4, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) length = 4, high = 0x8F;
    else return {Refusal::Utf8, i};
    if (n - i < length || p[i + 1] < low || p[i + 1] > high) return {Refusal::Utf8, i};
    for (std::size_t k = 2; k < length; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return {Refusal::Utf8, i};
    i += length;
  }
  return {};
}

// A page's whole text with kPadding NULs after it.
class PaddedText {
 public:
  explicit PaddedText(std::string text) : buffer_(std::move(text)), size_(buffer_.size()) {
    buffer_.append(kPadding, '\0');
  }
  std::string_view text() const { return {buffer_.data(), size_}; }
  char* data() { return buffer_.data(); }

 private:
  std::string buffer_;
  std::size_t size_;
};

ItemPageResult readText(PaddedText&& page, const Receiver& to) {
  const std::string_view text = page.text();
  ItemPageResult result;
  auto failWith = [&](std::string message) {
    result.failure.message = std::move(message);
    return result;
  };
  if (const auto bad = firstRefusedByte(text); bad.what != Refusal::None)
    return failWith("not JSON at byte " + std::to_string(bad.at) + ": " +
                    (bad.what == Refusal::Utf8 ? rj::GetParseError_En(rj::kParseErrorStringInvalidEncoding)
                                               : "A control character outside any escape."));
  PageHandler handler(to, true);
  rj::Reader reader;
  // In situ: each string is decoded where it lies, so RapidJSON copies
  // none of them into a buffer of its own first. The text is this read's
  // own copy; what follows the document is left as it was.
  rj::InsituStringStream stream(page.data());
  // Iterative: no recursion however deep a hostile page nests; full
  // precision: 0.3 is read as strtod reads it. A NUL byte reads as the end
  // of the text, so one inside the page is a parse error or, after the
  // document, bytes that follow it.
  constexpr unsigned kFlags =
      rj::kParseIterativeFlag | rj::kParseStopWhenDoneFlag | rj::kParseFullPrecisionFlag | rj::kParseInsituFlag;
  const auto parsed = reader.Parse<kFlags>(stream, handler);
  if (handler.stopped) {
    result.failure.stopped = true;
    return failWith("stopped");
  }
  if (parsed.IsError()) {
    result.failure.notInSchema = handler.notInSchema;
    if (!handler.problem.empty()) return failWith(handler.problem);
    return failWith(std::string("not JSON at byte ") + std::to_string(parsed.Offset()) + ": " +
                    rj::GetParseError_En(parsed.Code()));
  }
  std::size_t at = stream.Tell();
  while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) ++at;
  if (at != text.size()) return failWith("bytes follow the page's JSON");
  if (!handler.sawItems) return failWith("no items in the answer (neither value nor results)");
  if (!handler.flush()) {
    result.failure.stopped = true;
    return failWith("stopped");
  }
  result.page = ItemPageSummary{std::move(handler.nextLink), handler.items};
  return result;
}

enum class Coding { Identity, Zlib, Unsupported };

// A Content-Encoding as lower case, and how it is read: as it is, inflated
// (gzip and zlib framing alike), or not at all.
std::pair<std::string, Coding> codingOf(std::string_view contentEncoding) {
  std::string encoding(contentEncoding);
  std::transform(encoding.begin(), encoding.end(), encoding.begin(), [](unsigned char c) { return std::tolower(c); });
  if (encoding.empty() || encoding == "identity") return {encoding, Coding::Identity};
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") return {encoding, Coding::Zlib};
  return {encoding, Coding::Unsupported};
}

bool isJsonBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A string that ends just before `end` (at its closing quote's position),
// scanned back to its opening quote: the raw text between, or none when the
// opening quote is escaped or a byte in it is not printable ASCII.
std::optional<std::string_view> stringBefore(std::string_view text, std::size_t end, std::size_t& begin) {
  std::size_t i = end;
  while (i > 0 && text[i - 1] != '"') {
    const auto c = static_cast<unsigned char>(text[i - 1]);
    if (c < 0x20 || c > 0x7e) return std::nullopt;
    --i;
  }
  if (i < 2 || text[i - 2] == '\\') return std::nullopt;  // no opening quote, or an escaped one
  begin = i - 1;
  return text.substr(i, end - i);
}

// Where the ASCII blanks before `end` begin.
std::size_t skipBlanksBack(std::string_view text, std::size_t end) {
  while (end > 0 && isJsonBlank(text[end - 1])) --end;
  return end;
}

// Reading back from `end`: past blanks, is the next byte `c`? If so, `end`
// moves onto it.
bool takeBack(std::string_view text, std::size_t& end, char c) {
  const std::size_t e = skipBlanksBack(text, end);
  if (e == 0 || text[e - 1] != c) return false;
  end = e - 1;
  return true;
}

// Keeps the last `keep` bytes of a text given block by block.
class TextTail {
 public:
  explicit TextTail(std::size_t keep) : keep_(keep) {}
  void add(std::string_view block) {
    if (block.size() >= keep_) {
      tail_.assign(block.substr(block.size() - keep_));
      return;
    }
    tail_.append(block);
    if (tail_.size() > 2 * keep_) tail_.erase(0, tail_.size() - keep_);
  }
  std::string_view text() const { return tail_; }

 private:
  std::size_t keep_;
  std::string tail_;
};

// Next links are a few hundred bytes: one that does not fit is read by the
// whole check instead.
constexpr std::size_t kTailKept = 8 * 1024;

}  // namespace

std::optional<std::string> nextLinkAtEnd(std::string_view text) {
  std::size_t e = text.size();
  if (!takeBack(text, e, '}')) return std::nullopt;
  const bool verbose = takeBack(text, e, '}');
  if (!takeBack(text, e, '"')) return std::nullopt;
  const auto raw = stringBefore(text, e, e);
  if (!raw || !takeBack(text, e, ':') || !takeBack(text, e, '"')) return std::nullopt;
  const auto key = stringBefore(text, e, e);
  if (!key || *key != (verbose ? "__next" : "odata.nextLink")) return std::nullopt;
  if (!takeBack(text, e, ',') || !takeBack(text, e, ']')) return std::nullopt;
  std::string link;
  link.reserve(raw->size());
  for (std::size_t i = 0; i < raw->size(); ++i) {
    if ((*raw)[i] != '\\') {
      link += (*raw)[i];
      continue;
    }
    if (i + 1 == raw->size() || (*raw)[i + 1] != '/') return std::nullopt;
    link += '/';
    ++i;
  }
  return link;
}

bool endsAsLastPage(std::string_view text) {
  std::size_t e = text.size();
  if (!takeBack(text, e, '}')) return false;
  takeBack(text, e, '}');  // verbose: the one of "d"
  return takeBack(text, e, ']');
}

ItemPageResult checkPageForPaging(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                  bool trustLastPageEnd) {
  const Coding coding = codingOf(contentEncoding).second;
  std::optional<std::string> link;
  bool lastPage = false;
  if (coding == Coding::Identity && body.size() <= maxInflated) {
    const auto end = body.substr(body.size() - std::min(body.size(), kTailKept));
    link = nextLinkAtEnd(end);
    lastPage = !link && trustLastPageEnd && endsAsLastPage(end);
  } else if (coding == Coding::Zlib) {
    // The storing read inflates the page again and checks its CRC: this pass
    // skips it, a tenth of its work.
    InflatingStream stream(body, maxInflated, false);
    TextTail tail(kTailKept);
    for (auto block = stream.takeBlock(); !block.empty(); block = stream.takeBlock()) tail.add(block);
    if (!stream.failure().empty()) {
      ItemPageResult refused;
      refused.failure.message = stream.failure();
      refused.failure.tooLarge = stream.tooLarge();
      return refused;
    }
    link = nextLinkAtEnd(tail.text());
    lastPage = !link && trustLastPageEnd && endsAsLastPage(tail.text());
  }
  if (!link && !lastPage) return readEncodedItemPage(body, contentEncoding, maxInflated, {});
  ItemPageResult result;
  result.page = ItemPageSummary{link ? std::move(*link) : std::string(), 0, false};
  return result;
}

namespace {

ItemPageResult readPlain(std::string_view body, const Receiver& to) {
  if (!to.keeps()) {
    TextStream stream(body);
    return checkStream(stream, to);
  }
  std::string text;
  text.reserve(body.size() + kPadding);
  text.append(body);
  return readText(PaddedText(std::move(text)), to);
}

ItemPageResult readEncoded(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                           const Receiver& to) {
  const auto [encoding, coding] = codingOf(contentEncoding);
  ItemPageResult refused;
  if (coding == Coding::Identity) {
    if (body.size() > maxInflated) {
      refused.failure.message = "the answer is too large (more than " + std::to_string(maxInflated >> 20) + " MiB)";
      refused.failure.tooLarge = true;
      return refused;
    }
    return readPlain(body, to);
  }
  if (coding == Coding::Unsupported) {
    refused.failure.message = "the answer uses an unsupported content encoding: " + encoding;
    return refused;
  }
  if (!to.keeps()) {
    InflatingStream stream(body, maxInflated);
    return checkStream(stream, to);
  }
  auto inflated = inflateWhole(body, maxInflated);
  if (!inflated.failure.empty()) {
    refused.failure.message = std::move(inflated.failure);
    refused.failure.tooLarge = inflated.tooLarge;
    return refused;
  }
  return readText(PaddedText(std::move(inflated.text)), to);
}

Receiver itemsTo(const ItemChunkSink& sink, std::size_t chunkSize) {
  Receiver to;
  to.items = &sink;
  to.chunkSize = chunkSize;
  return to;
}

Receiver rowsTo(const ItemRowSink& sink, ListKind kind, std::size_t chunkSize) {
  Receiver to;
  to.rows = &sink;
  to.kind = kind;
  to.chunkSize = chunkSize;
  return to;
}

}  // namespace

ItemPageResult readItemPage(std::string_view body, const ItemChunkSink& sink, std::size_t chunkSize) {
  return readPlain(body, itemsTo(sink, chunkSize));
}

ItemPageResult readEncodedItemPage(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                   const ItemChunkSink& sink, std::size_t chunkSize) {
  return readEncoded(body, contentEncoding, maxInflated, itemsTo(sink, chunkSize));
}

ItemPageResult readItemRows(std::string_view body, ListKind kind, const ItemRowSink& sink, std::size_t chunkSize) {
  return readPlain(body, rowsTo(sink, kind, chunkSize));
}

ItemPageResult readEncodedItemRows(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                   ListKind kind, const ItemRowSink& sink, std::size_t chunkSize) {
  return readEncoded(body, contentEncoding, maxInflated, rowsTo(sink, kind, chunkSize));
}

}  // namespace deskpane::sync
