#pragma once
// The Inbox pane as data, without a toolkit: a SharePoint discussion board
// (template 108) read as mail. Threads are the board's discussion folders
// (FileSystemObjectType 1), newest activity first; replies are the messages
// inside them, oldest first. Read marks are local (the presenter keeps them
// in the cache): a thread is unread while it or any of its replies is.
#include "sync/item.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deskpane::overlay::inbox {

using Clock = std::chrono::system_clock;

struct InboxMessage {
  std::int64_t id = 0;
  std::string author;     // "" when the server did not say (a local create)
  std::string created;    // ISO-8601 UTC; "" for a local create not yet pushed
  std::string bodyHtml;   // as the server stores it: sanitise before showing
  bool unread = false;
  bool pending = false;   // waiting in the outbox
  bool conflict = false;
};

struct InboxThread {
  InboxMessage message;  // the discussion's own post
  std::string subject;
  std::string lastActivity;  // ISO-8601 UTC of the newest post; "" = a local create
  bool question = false;
  int replyCount = 0;
  int unreadReplies = 0;
  std::vector<InboxMessage> replies;  // oldest first

  std::int64_t id() const { return message.id; }
  bool unread() const { return message.unread || unreadReplies > 0; }
  // The thread's post and its replies: what opening the thread marks read.
  std::vector<std::int64_t> allIds() const;
};

// Threads newest activity first (a local create not yet pushed is newest);
// replies sorted oldest first inside each. Replies whose thread is not in
// `items` are left out.
std::vector<InboxThread> inboxThreads(const std::vector<sync::Item>& items, const std::set<std::int64_t>& readIds);

// "14:05" today, "Yesterday 14:05", "Tue 14:05" within a week, "3 Nov" this
// year, "3 Nov 2023" before; "Not sent yet" for "". Local time.
std::string whenText(const std::string& iso, Clock::time_point now);

// One row's second line: "Alice · 2 replies, 1 unread · 14:05".
std::string threadDetail(const InboxThread& thread, Clock::time_point now);
// "(no subject)" for an empty one, else the subject.
std::string threadTitle(const InboxThread& thread);

// ---- writes (fields for PanePresenter::create)
// A problem with a new discussion, in plain words, or nullopt.
std::optional<std::string> validateDiscussion(const std::string& subject, const std::string& body);
std::optional<std::string> validateReply(const std::string& body);
// A thread: a folder at the list root (the engine creates it with its path).
sync::Fields newDiscussionFields(const std::string& subject, const std::string& bodyText);
// A reply: a message in its thread's folder, answering the thread's post.
sync::Fields replyFields(const InboxThread& thread, const std::string& bodyText);

}  // namespace deskpane::overlay::inbox
