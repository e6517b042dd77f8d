#include "sync/http_batch.h"

#include <algorithm>
#include <cctype>

namespace deskpane::sync {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits off one line (LF or CRLF) from the front of `rest`.
std::optional<std::string_view> nextLine(std::string_view& rest) {
  if (rest.empty()) return std::nullopt;
  const auto nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Header block up to the first empty line; returns lower-cased names.
std::map<std::string, std::string> readHeaders(std::string_view& rest) {
  std::map<std::string, std::string> headers;
  while (auto line = nextLine(rest)) {
    if (trim(*line).empty()) break;
    const auto colon = line->find(':');
    if (colon == std::string_view::npos) continue;
    headers[lower(trim(line->substr(0, colon)))] = std::string(trim(line->substr(colon + 1)));
  }
  return headers;
}

// Bodies of the parts between `--boundary` delimiters; nullopt without the
// closing `--boundary--`.
std::optional<std::vector<std::string_view>> splitParts(std::string_view body, std::string_view boundary) {
  const std::string delim = "--" + std::string(boundary);
  std::vector<std::string_view> parts;
  auto pos = body.find(delim);
  if (pos == std::string_view::npos) return std::nullopt;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return parts;
    const auto next = body.find(delim, pos);
    if (next == std::string_view::npos) return std::nullopt;
    auto part = body.substr(pos, next - pos);
    // The delimiter owns the CRLF before it and the line break after it.
    if (!part.empty() && part.front() == '\r') part.remove_prefix(1);
    if (!part.empty() && part.front() == '\n') part.remove_prefix(1);
    if (!part.empty() && part.back() == '\n') part.remove_suffix(1);
    if (!part.empty() && part.back() == '\r') part.remove_suffix(1);
    parts.push_back(part);
    pos = next;
  }
}

std::optional<BatchPartResponse> parseHttpPart(std::string_view part) {
  std::string_view rest = part;
  readHeaders(rest);  // the part's own MIME headers (application/http)
  std::optional<std::string_view> statusLine;
  while ((statusLine = nextLine(rest)) && trim(*statusLine).empty()) {
  }
  if (!statusLine || statusLine->substr(0, 5) != "HTTP/") return std::nullopt;
  const auto sp = statusLine->find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  BatchPartResponse response;
  int status = 0;
  for (char c : statusLine->substr(sp + 1, 3)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    status = status * 10 + (c - '0');
  }
  response.status = status;
  response.headers = readHeaders(rest);
  response.body = std::string(rest);
  return response;
}
}  // namespace

std::string buildBatchBody(const std::vector<BatchPart>& parts, std::string_view boundary) {
  const auto appendPart = [](std::string& out, std::string_view delim, const BatchPart& part) {
    out += "--";
    out += delim;
    out += "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n";
    out += part.method + " " + part.url + " HTTP/1.1\r\n";
    for (const auto& [name, value] : part.headers) out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += part.body;
    out += "\r\n";
  };
  std::string out;
  for (const auto& part : parts) {
    if (part.method == "GET") appendPart(out, boundary, part);
  }
  const bool hasWrites = std::any_of(parts.begin(), parts.end(), [](const BatchPart& p) { return p.method != "GET"; });
  if (hasWrites) {
    const std::string changeset = "changeset_" + std::string(boundary);
    out += "--";
    out += boundary;
    out += "\r\nContent-Type: multipart/mixed; boundary=\"" + changeset + "\"\r\n\r\n";
    for (const auto& part : parts) {
      if (part.method != "GET") appendPart(out, changeset, part);
    }
    out += "--" + changeset + "--\r\n\r\n";
  }
  out += "--";
  out += boundary;
  out += "--\r\n";
  return out;
}

std::optional<std::string> multipartBoundary(std::string_view contentType) {
  const std::string lc = lower(contentType);
  const auto at = lc.find("boundary=");
  if (at == std::string::npos) return std::nullopt;
  std::string_view value = contentType.substr(at + 9);
  const auto semi = value.find(';');
  value = trim(value.substr(0, semi));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

std::optional<std::vector<BatchPartResponse>> parseBatchResponse(std::string_view body,
                                                                 std::string_view boundary) {
  auto parts = splitParts(body, boundary);
  if (!parts) return std::nullopt;
  std::vector<BatchPartResponse> out;
  for (auto part : *parts) {
    std::string_view rest = part;
    const auto headers = readHeaders(rest);
    const auto ct = headers.find("content-type");
    if (ct != headers.end() && lower(ct->second).find("multipart/mixed") != std::string::npos) {
      const auto inner = multipartBoundary(ct->second);
      if (!inner) return std::nullopt;
      auto nested = parseBatchResponse(rest, *inner);
      if (!nested) return std::nullopt;
      out.insert(out.end(), nested->begin(), nested->end());
      continue;
    }
    auto parsed = parseHttpPart(part);
    if (!parsed) return std::nullopt;
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace deskpane::sync
