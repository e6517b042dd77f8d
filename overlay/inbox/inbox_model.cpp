#include "overlay/inbox/inbox_model.h"

#include "overlay/i18n.h"
#include "overlay/pane_rows.h"
#include "overlay/rich_text.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <tuple>

namespace deskpane::overlay::inbox {

namespace {

// A local create has no server dates yet: it sorts as the newest.
constexpr const char* kNotSentYet = "~";

InboxMessage messageOf(const sync::Item& item, const std::set<std::int64_t>& readIds) {
  const sync::ConstMessage m(item);
  InboxMessage out;
  out.id = item.id;
  out.author = m.author();
  out.created = m.created();
  if (out.created.empty() && !item.isTemporary()) out.created = item.modified;
  out.bodyHtml = m.body();
  out.unread = readIds.count(item.id) == 0;
  out.pending = item.state == sync::LocalState::Dirty || item.isTemporary();
  out.conflict = item.state == sync::LocalState::Conflict;
  return out;
}

std::string sortKey(const std::string& iso) { return iso.empty() ? kNotSentYet : iso; }

std::string formatCount(const char* singular, const char* plural, long n) {
  char buf[128];
  std::snprintf(buf, sizeof buf, ::ngettext(singular, plural, static_cast<unsigned long>(n)), n);
  return buf;
}

}  // namespace

std::vector<std::int64_t> InboxThread::allIds() const {
  std::vector<std::int64_t> ids{message.id};
  for (const auto& r : replies) ids.push_back(r.id);
  return ids;
}

std::vector<InboxThread> inboxThreads(const std::vector<sync::Item>& items, const std::set<std::int64_t>& readIds) {
  std::map<std::int64_t, const sync::Item*> byId;
  for (const auto& item : items) byId[item.id] = &item;

  std::map<std::int64_t, InboxThread> threads;
  for (const auto& item : items) {
    const sync::ConstMessage m(item);
    if (!m.isDiscussion()) continue;
    InboxThread t;
    t.message = messageOf(item, readIds);
    t.subject = m.title();
    t.question = m.isQuestion();
    t.lastActivity = m.discussionLastUpdated().empty() ? t.message.created : m.discussionLastUpdated();
    if (item.isTemporary()) t.lastActivity.clear();
    threads.emplace(item.id, std::move(t));
  }

  // The thread a reply belongs to: its folder's, or (for a reply written
  // here, which has no folder id until the server gives it one) the thread
  // at the top of its ParentItemID chain.
  const auto threadOf = [&](const sync::Item& item) -> std::optional<std::int64_t> {
    const sync::ConstMessage m(item);
    if (auto folder = m.parentFolderId(); folder && threads.count(*folder)) return *folder;
    auto parent = m.parentItemId();
    for (int hops = 0; parent && hops < 64; ++hops) {
      if (threads.count(*parent)) return *parent;
      const auto it = byId.find(*parent);
      if (it == byId.end()) break;
      parent = sync::ConstMessage(*it->second).parentItemId();
    }
    return std::nullopt;
  };
  for (const auto& item : items) {
    if (sync::ConstMessage(item).isDiscussion()) continue;
    const auto threadId = threadOf(item);
    if (!threadId) continue;
    InboxThread& t = threads[*threadId];
    t.replies.push_back(messageOf(item, readIds));
  }

  std::vector<InboxThread> out;
  out.reserve(threads.size());
  for (auto& [id, t] : threads) {
    std::stable_sort(t.replies.begin(), t.replies.end(), [](const InboxMessage& a, const InboxMessage& b) {
      return std::make_tuple(sortKey(a.created), a.id < 0, std::abs(a.id)) <
             std::make_tuple(sortKey(b.created), b.id < 0, std::abs(b.id));
    });
    t.replyCount = static_cast<int>(t.replies.size());
    t.unreadReplies = static_cast<int>(
        std::count_if(t.replies.begin(), t.replies.end(), [](const InboxMessage& r) { return r.unread; }));
    // A reply written here moves its thread up before the server says so.
    for (const auto& r : t.replies)
      if (sortKey(r.created) > sortKey(t.lastActivity)) t.lastActivity = r.created;
    out.push_back(std::move(t));
  }
  std::stable_sort(out.begin(), out.end(), [](const InboxThread& a, const InboxThread& b) {
    const std::string ka = sortKey(a.lastActivity), kb = sortKey(b.lastActivity);
    if (ka != kb) return ka > kb;
    return a.id() > b.id();
  });
  return out;
}

std::string whenText(const std::string& iso, Clock::time_point now) {
  if (iso.empty()) return _("Not sent yet");
  const auto t = parseIsoUtc(iso);
  if (!t) return "";
  const std::time_t tt = Clock::to_time_t(*t), nt = Clock::to_time_t(now);
  std::tm local{}, today{};
  localtime_r(&tt, &local);
  localtime_r(&nt, &today);
  char hm[16];
  std::strftime(hm, sizeof hm, "%H:%M", &local);
  // Whole days between the two local dates (noon avoids DST edges).
  std::tm a = local, b = today;
  a.tm_hour = b.tm_hour = 12;
  a.tm_min = b.tm_min = a.tm_sec = b.tm_sec = 0;
  const double days = std::difftime(std::mktime(&b), std::mktime(&a)) / 86400.0;
  const long dayDiff = static_cast<long>(days + (days < 0 ? -0.5 : 0.5));
  char buf[64];
  if (dayDiff == 0) return hm;
  if (dayDiff == 1) {
    std::snprintf(buf, sizeof buf, _("Yesterday %s"), hm);
    return buf;
  }
  if (dayDiff > 1 && dayDiff < 7) {
    char day[16];
    std::strftime(day, sizeof day, "%a", &local);
    return std::string(day) + " " + hm;
  }
  std::strftime(buf, sizeof buf, local.tm_year == today.tm_year ? "%e %b" : "%e %b %Y", &local);
  std::string s = buf;
  if (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

std::string threadTitle(const InboxThread& thread) {
  return thread.subject.empty() ? std::string(_("(no subject)")) : thread.subject;
}

std::string threadDetail(const InboxThread& thread, Clock::time_point now) {
  std::vector<std::string> parts;
  if (!thread.message.author.empty()) parts.push_back(thread.message.author);
  if (thread.replyCount > 0) {
    std::string replies = formatCount(N_("%ld reply"), N_("%ld replies"), thread.replyCount);
    if (thread.unreadReplies > 0)
      replies += ", " + formatCount(N_("%ld unread"), N_("%ld unread"), thread.unreadReplies);
    parts.push_back(replies);
  }
  parts.push_back(whenText(thread.lastActivity, now));
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    out += (out.empty() ? "" : " · ") + p;
  }
  return out;
}

namespace {
bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}
}  // namespace

std::optional<std::string> validateDiscussion(const std::string& subject, const std::string& body) {
  (void)body;  // a discussion may be its subject alone, as on SharePoint
  if (blank(subject)) return std::string(_("Subject: a discussion needs a subject."));
  if (subject.size() > 255) return std::string(_("Subject: at most 255 characters."));
  return std::nullopt;
}

std::optional<std::string> validateReply(const std::string& body) {
  if (blank(body)) return std::string(_("Reply: write something to send."));
  return std::nullopt;
}

sync::Fields newDiscussionFields(const std::string& subject, const std::string& bodyText) {
  sync::Item item;
  sync::Message m(item);
  std::string title = subject;
  while (!title.empty() && std::isspace(static_cast<unsigned char>(title.back()))) title.pop_back();
  while (!title.empty() && std::isspace(static_cast<unsigned char>(title.front()))) title.erase(title.begin());
  m.setTitle(title);
  m.setBody(plainTextToHtml(bodyText));
  m.setDiscussion(true);
  return item.fields;
}

sync::Fields replyFields(const InboxThread& thread, const std::string& bodyText) {
  sync::Item item;
  sync::Message m(item);
  // SharePoint's own reply form titles a reply with its thread's subject.
  m.setTitle(thread.subject);
  m.setBody(plainTextToHtml(bodyText));
  m.setDiscussion(false);
  m.setParentItemId(thread.id());
  return item.fields;
}

}  // namespace deskpane::overlay::inbox
