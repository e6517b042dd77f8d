#pragma once
// The Inbox pane: the discussion board's threads as mail (unread in bold with
// a count of unread replies), a reading view with the thread's post and its
// replies, writing (new discussion, reply), local read marks and deletes
// with a 5 s Undo. The data comes from inbox_model.h; every write goes
// through the presenter.
//
// Keyboard. List: Up/Down select, Enter opens, Ctrl+N new discussion,
// Ctrl+U marks read/unread, Delete deletes (Ctrl+Z or the bar's Undo within
// 5 s). Reading: Up/Down move between the posts, R or Ctrl+R replies,
// Ctrl+U, Delete deletes the post (the thread when its own post is chosen),
// Esc or Backspace goes back to the list.
#include "overlay/inbox/inbox_model.h"
#include "overlay/pane_content.h"
#include "overlay/rich_text_view.h"
#include "overlay/row_list.h"

#include <wx/timer.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {
class AccessibleButtons;
class PanePresenter;
}

namespace deskpane::overlay::inbox {

class InboxView : public PaneContent {
 public:
  InboxView(PaneHost& host, PanePresenter& presenter);
  ~InboxView() override;

  void itemsChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  void appendMenu(wxMenu& menu) override;
  std::string accessibleText() const override;
  // A discussion open for reading lists its posts: none is selected.
  std::optional<std::size_t> accessibleSelection() const override {
    return reading_ ? std::nullopt : list_.selectedIndex();
  }

 private:
  const InboxThread* thread(std::int64_t id) const;
  const InboxThread* selectedThread() const;
  // The post open in the reading view, else the selected discussion's post.
  const InboxMessage* focusedMessage() const;
  void resolve(std::int64_t id, bool keepMine);
  // The pane's own menu at the pointer (a right-click in the list or a post).
  void contextMenu(const wxPoint& at);
  void open(std::int64_t threadId);
  void closeReading();
  void reply();
  void toggleRead();
  void setThreadRead(const InboxThread& t, bool read);
  void deleteSelected();
  void undoDelete();
  void onTimer();
  void armTimer();
  wxRect listArea(const wxRect& area) const;
  wxRect undoBar(const wxRect& area) const;

  void paintList(wxGraphicsContext& gc, const wxRect& area);
  void paintReading(wxGraphicsContext& gc, const wxRect& area);
  // Lays out the open thread's posts (each a RichTextLayout) at `width`.
  void layoutReading(wxGraphicsContext& gc, double width);

  PaneHost& host_;
  PanePresenter& presenter_;
  std::vector<InboxThread> threads_;
  RowList list_;

  // Reading view: the open thread, the chosen post (0 = the thread's own),
  // the scroll offset, and each post's laid-out body and its y in the view.
  std::optional<std::int64_t> reading_;
  std::unique_ptr<AccessibleButtons> readingButtons_;  // Back, Reply, Mark read: while reading
  std::size_t post_ = 0;
  int readScroll_ = 0;
  struct PostLayout {
    RichTextLayout body;
    double top = 0, height = 0;
  };
  std::vector<PostLayout> posts_;
  double readingHeight_ = 0;
  double laidOutWidth_ = -1;
  wxRect replyButton_;
  wxRect backButton_;
  bool hoverReply_ = false, hoverBack_ = false;

  // What was deleted last (for the bar) and when reading should mark read.
  std::optional<std::int64_t> lastDeleted_;
  std::string lastDeletedTitle_;
  std::optional<std::chrono::steady_clock::time_point> markReadAt_;
  wxTimer timer_;
};

}  // namespace deskpane::overlay::inbox
