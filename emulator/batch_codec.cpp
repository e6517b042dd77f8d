#include "emulator/batch_codec.h"

#include <array>
#include <cstdio>
#include <random>

namespace deskpane::emu {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string_view trimWs(std::string_view t) {
  const char* ws = " \t\r\n";
  const std::size_t b = t.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return t.substr(b, t.find_last_not_of(ws) - b + 1);
}

// Splits text into lines ending in "\n" or "\r\n" (or the end of text).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  std::size_t offset() const { return pos_; }

  // The next line without its terminator; sets lineStart to where it began.
  std::string_view next(std::size_t& lineStart) {
    lineStart = pos_;
    std::size_t nl = text_.find('\n', pos_);
    std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
    pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    std::string_view line = text_.substr(lineStart, end - lineStart);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

ParseError batchError(std::string detail, std::size_t pos = 0) {
  return ParseError{"The request body is not a valid $batch request.", std::move(detail), pos};
}

enum class Delimiter { None, Part, Close };

Delimiter classify(std::string_view line, std::string_view boundary) {
  line = trimWs(line);
  if (line.size() < boundary.size() + 2 || line[0] != '-' || line[1] != '-') return Delimiter::None;
  if (line.substr(2, boundary.size()) != boundary) return Delimiter::None;
  std::string_view rest = line.substr(2 + boundary.size());
  if (rest.empty()) return Delimiter::Part;
  if (rest == "--") return Delimiter::Close;
  return Delimiter::None;
}

// Body parts between boundary delimiters (RFC 2046): the line break before
// a delimiter belongs to the delimiter. Preamble and epilogue are ignored; a
// missing close delimiter ends the last part at the end of the text.
ParseResult<std::vector<std::string_view>> splitMultipart(std::string_view text, std::string_view boundary,
                                                          std::size_t base) {
  std::vector<std::string_view> parts;
  LineReader lines(text);
  std::optional<std::size_t> partStart;
  bool sawDelimiter = false;
  while (!lines.done()) {
    std::size_t lineStart = 0;
    std::string_view line = lines.next(lineStart);
    const Delimiter d = classify(line, boundary);
    if (d == Delimiter::None) continue;
    sawDelimiter = true;
    if (partStart) {
      std::size_t end = lineStart;
      if (end > *partStart && text[end - 1] == '\n') --end;
      if (end > *partStart && text[end - 1] == '\r') --end;
      parts.push_back(text.substr(*partStart, end - *partStart));
    }
    if (d == Delimiter::Close) return parts;
    partStart = lines.offset();
  }
  if (!sawDelimiter) return batchError("no boundary line --" + std::string(boundary), base);
  if (partStart) parts.push_back(text.substr(*partStart));
  return parts;
}

struct HeaderBlock {
  BatchHeaders headers;
  std::string_view rest;  // what follows the blank line
};

// Reads "Name: value" lines up to the first empty line.
ParseResult<HeaderBlock> readHeaders(std::string_view text, std::size_t base) {
  HeaderBlock block;
  LineReader lines(text);
  while (!lines.done()) {
    std::size_t lineStart = 0;
    std::string_view line = lines.next(lineStart);
    if (trimWs(line).empty()) {
      block.rest = text.substr(lines.offset());
      return block;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return batchError("header line without a name: \"" + std::string(line.substr(0, 80)) + "\"", base + lineStart);
    }
    block.headers.add(std::string(trimWs(line.substr(0, colon))), std::string(trimWs(line.substr(colon + 1))));
  }
  block.rest = {};
  return block;
}

bool isTokenChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

struct RequestLine {
  std::string method;
  std::string url;
};

std::optional<RequestLine> parseRequestLine(std::string_view line) {
  line = trimWs(line);
  const std::size_t sp = line.find_first_of(" \t");
  if (sp == std::string_view::npos || sp == 0) return std::nullopt;
  std::string_view method = line.substr(0, sp);
  for (char c : method) {
    if (!isTokenChar(c)) return std::nullopt;
  }
  std::string_view rest = trimWs(line.substr(sp));
  const std::size_t sp2 = rest.find_first_of(" \t");
  std::string_view url = rest.substr(0, sp2);
  if (url.empty()) return std::nullopt;
  if (sp2 != std::string_view::npos) {
    std::string_view version = trimWs(rest.substr(sp2));
    if (!istartsWith(version, "HTTP/")) return std::nullopt;
  }
  RequestLine out;
  out.method.reserve(method.size());
  for (char c : method) out.method.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  out.url = std::string(url);
  return out;
}

std::string_view firstLine(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string_view skipBlankLines(std::string_view text) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!trimWs(line).empty()) break;
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  return text;
}

// The application/http payload: request line, headers, blank line, body.
ParseResult<BatchRequest> parseHttpRequest(std::string_view text, std::size_t base) {
  text = skipBlankLines(text);
  const std::string_view first = firstLine(text);
  auto line = parseRequestLine(first);
  if (!line) return batchError("not an HTTP request line: \"" + std::string(first.substr(0, 80)) + "\"", base);
  const std::size_t nl = text.find('\n');
  std::string_view afterLine = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  auto block = readHeaders(afterLine, base);
  if (!block) return block.error();
  BatchRequest req;
  req.method = std::move(line->method);
  req.url = std::move(line->url);
  req.headers = std::move(block->headers);
  std::string_view body = block->rest;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  req.body = std::string(body);
  return req;
}

// One top-level or changeset part: its MIME headers, then either an HTTP
// request or (top level only) a nested changeset.
bool parsePart(std::string_view part, std::size_t base, std::optional<std::size_t> changeset,
               std::size_t& changesetCount, std::vector<BatchRequest>& out, std::optional<ParseError>& error) {
  if (trimWs(part).empty()) return true;  // tolerate empty parts
  std::string_view lead = skipBlankLines(part);
  // Tolerance: a part that starts straight with the request line.
  if (parseRequestLine(firstLine(lead))) {
    auto req = parseHttpRequest(lead, base);
    if (!req) return error = req.error(), false;
    req->changeset = changeset;
    out.push_back(std::move(req).value());
    return true;
  }
  auto block = readHeaders(lead, base);
  if (!block) return error = block.error(), false;
  const auto contentType = block->headers.find("Content-Type");
  if (contentType && istartsWith(trimWs(*contentType), "multipart/mixed")) {
    if (changeset) return error = batchError("changesets cannot nest", base), false;
    auto boundary = multipartBoundary(*contentType);
    if (!boundary) return error = batchError("changeset without a boundary", base), false;
    const std::size_t index = changesetCount++;
    auto inner = splitMultipart(block->rest, *boundary, base);
    if (!inner) return error = inner.error(), false;
    for (std::string_view sub : inner.value()) {
      const auto subBase = base + static_cast<std::size_t>(sub.data() - part.data());
      if (!parsePart(sub, subBase, index, changesetCount, out, error)) return false;
    }
    return true;
  }
  if (contentType && !istartsWith(trimWs(*contentType), "application/http")) {
    return error = batchError("unsupported part Content-Type: " + std::string(*contentType), base), false;
  }
  auto req = parseHttpRequest(block->rest, base);
  if (!req) return error = req.error(), false;
  req->changeset = changeset;
  out.push_back(std::move(req).value());
  return true;
}

}  // namespace

void BatchHeaders::add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }

std::optional<std::string_view> BatchHeaders::find(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> multipartBoundary(std::string_view contentType) {
  std::string_view rest = trimWs(contentType);
  if (!istartsWith(rest, "multipart/mixed")) return std::nullopt;
  rest = rest.substr(15);
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
    std::string_view param = trimWs(rest.substr(0, rest.find(';')));
    const std::size_t eq = param.find('=');
    if (eq == std::string_view::npos || !iequals(trimWs(param.substr(0, eq)), "boundary")) continue;
    std::string_view value = trimWs(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }
  return std::nullopt;
}

ParseResult<std::vector<BatchRequest>> parseBatch(std::string_view body, std::string_view boundary) {
  if (boundary.empty()) return batchError("empty boundary");
  auto parts = splitMultipart(body, boundary, 0);
  if (!parts) return parts.error();
  std::vector<BatchRequest> out;
  std::size_t changesets = 0;
  std::optional<ParseError> error;
  for (std::string_view part : parts.value()) {
    const auto base = static_cast<std::size_t>(part.data() - body.data());
    if (!parsePart(part, base, std::nullopt, changesets, out, error)) return *error;
  }
  return out;
}

std::string_view reasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

std::string makeBatchResponseBoundary() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); i += 8) {
    std::uint64_t r = rng();
    for (std::size_t j = 0; j < 8; ++j) b[i + j] = static_cast<unsigned char>(r >> (8 * j));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char buf[64];
  std::snprintf(buf, sizeof buf,
                "batchresponse_%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return buf;
}

std::string batchResponseContentType(std::string_view boundary) {
  return "multipart/mixed; boundary=" + std::string(boundary);
}

std::string formatBatchResponse(const std::vector<BatchResponse>& parts, std::string_view boundary) {
  std::string out;
  std::size_t size = 0;
  for (const auto& p : parts) size += p.body.size() + 256;
  out.reserve(size);
  for (const auto& p : parts) {
    out += "--";
    out += boundary;
    out += "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 ";
    out += std::to_string(p.status);
    out += ' ';
    out += p.reason.empty() ? reasonPhrase(p.status) : std::string_view(p.reason);
    out += "\r\n";
    for (const auto& [name, value] : p.headers) {
      out += name;
      out += ": ";
      out += value;
      out += "\r\n";
    }
    out += "\r\n";
    out += p.body;
    out += "\r\n";
  }
  out += "--";
  out += boundary;
  out += "--\r\n";
  return out;
}

}  // namespace deskpane::emu
