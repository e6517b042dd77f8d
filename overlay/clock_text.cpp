#include "overlay/clock_text.h"

#include <cctype>
#include <cstdio>

namespace deskpane::overlay {

TimeLocale::TimeLocale() : locale_(newlocale(LC_TIME_MASK, "", static_cast<locale_t>(0))) {
  if (!locale_) locale_ = newlocale(LC_TIME_MASK, "C", static_cast<locale_t>(0));
}

TimeLocale::~TimeLocale() {
  if (locale_) freelocale(locale_);
}

const char* TimeLocale::info(nl_item item) const { return locale_ ? nl_langinfo_l(item, locale_) : ""; }

bool locale24Hour() {
  TimeLocale locale;
  const std::string format = locale.info(T_FMT);
  return format.find("%I") == std::string::npos && format.find("%l") == std::string::npos &&
         format.find("%r") == std::string::npos;
}

std::string formatClock(int minutes, bool use24Hour) {
  minutes = ((minutes % 1440) + 1440) % 1440;
  const int h = minutes / 60, m = minutes % 60;
  char buf[32];
  if (use24Hour) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  } else {
    TimeLocale locale;
    std::string am = locale.info(AM_STR), pm = locale.info(PM_STR);
    if (am.empty()) am = "AM";
    if (pm.empty()) pm = "PM";
    std::snprintf(buf, sizeof buf, "%d:%02d %s", h % 12 == 0 ? 12 : h % 12, m, (h < 12 ? am : pm).c_str());
  }
  return buf;
}

namespace {

std::string lowerNoSpaces(std::string_view text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool endsWith(const std::string& s, const std::string& tail) {
  return !tail.empty() && s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Strips a 12-hour suffix from `s`: 0 none, 1 before noon, 2 after.
int takeMeridiem(std::string& s) {
  TimeLocale locale;
  const std::string am = lowerNoSpaces(locale.info(AM_STR)), pm = lowerNoSpaces(locale.info(PM_STR));
  // Longest first, so "a.m." is not read as "." and "m".
  const std::pair<std::string, int> suffixes[] = {{"a.m.", 1}, {"p.m.", 2}, {"am", 1}, {"pm", 2},
                                                  {am, 1},     {pm, 2},     {"a", 1},  {"p", 2}};
  for (const auto& [tail, which] : suffixes) {
    if (!endsWith(s, tail)) continue;
    s.resize(s.size() - tail.size());
    return which;
  }
  return 0;
}

}  // namespace

std::optional<int> parseClock(std::string_view text) {
  std::string s = lowerNoSpaces(text);
  const int meridiem = takeMeridiem(s);
  if (s.empty()) return std::nullopt;
  int hours = 0, minutes = 0;
  const auto sep = s.find_first_of(":.h");
  const auto allDigits = [](const std::string& t) {
    if (t.empty()) return false;
    for (char c : t)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  if (sep != std::string::npos) {
    const std::string h = s.substr(0, sep), m = s.substr(sep + 1);
    if (!allDigits(h) || h.size() > 2 || !allDigits(m) || m.size() != 2) return std::nullopt;
    hours = std::stoi(h);
    minutes = std::stoi(m);
  } else {
    if (!allDigits(s) || s.size() > 4) return std::nullopt;
    if (s.size() <= 2) {
      hours = std::stoi(s);
    } else {
      hours = std::stoi(s.substr(0, s.size() - 2));
      minutes = std::stoi(s.substr(s.size() - 2));
    }
  }
  if (minutes > 59) return std::nullopt;
  if (meridiem) {
    if (hours < 1 || hours > 12) return std::nullopt;
    hours %= 12;
    if (meridiem == 2) hours += 12;
  } else if (hours > 23) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

std::vector<std::string> clockChoices(bool use24Hour, int step) {
  std::vector<std::string> out;
  if (step <= 0) return out;
  for (int m = 0; m < 24 * 60; m += step) out.push_back(formatClock(m, use24Hour));
  return out;
}

}  // namespace deskpane::overlay
