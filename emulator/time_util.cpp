#include "emulator/time_util.h"

#include <cctype>
#include <cstdio>
#include <ctime>

namespace deskpane::emu {

namespace {
constexpr std::int64_t kUnixEpochTicks = 621355968000000000LL;

std::tm utcTm(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::string isoUtc(Clock::time_point t) {
  const std::tm tm = utcTm(t);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string nowIso() { return isoUtc(Clock::now()); }

std::int64_t ticksFromTimePoint(Clock::time_point t) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return us * 10 + kUnixEpochTicks;
}

Clock::time_point timePointFromTicks(std::int64_t ticks) {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
      std::chrono::microseconds((ticks - kUnixEpochTicks) / 10)));
}

std::int64_t nowTicks() { return ticksFromTimePoint(Clock::now()); }

std::optional<Clock::time_point> parseIso(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  std::size_t pos = 10;
  long offsetSeconds = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
    }
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
        std::size_t mpos = pos + 3;
        if (mpos < s.size() && s[mpos] == ':') ++mpos;
        if (!digits(s, mpos, 2, om)) return std::nullopt;
        offsetSeconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
        pos = mpos + 2;
      }
    }
    if (pos != s.size()) return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  const std::time_t t = timegm(&tm);
  return Clock::from_time_t(t - offsetSeconds);
}

std::optional<std::string> normaliseIso(std::string_view in) {
  auto t = parseIso(in);
  if (!t) return std::nullopt;
  return isoUtc(*t);
}

std::string digestDate(Clock::time_point t) {
  const std::tm tm = utcTm(t);
  char buf[64];
  std::strftime(buf, sizeof buf, "%d %b %Y %H:%M:%S -0000", &tm);
  return buf;
}

}  // namespace deskpane::emu
