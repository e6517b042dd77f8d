#include "overlay/inbox/inbox_view.h"

#include "overlay/accessible_buttons.h"
#include "overlay/inbox/inbox_editor.h"
#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"

#include <wx/brush.h>
#include <wx/event.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/pen.h>
#include <wx/utils.h>
#include <wx/window.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <memory>

namespace deskpane::overlay::inbox {

namespace {

constexpr auto kMarkReadDelay = std::chrono::milliseconds(1500);
constexpr int kUndoBarHeight = 36;
constexpr int kReadingTop = 34;     // the "Back" line above the posts
constexpr int kReadingBottom = 40;  // the "Reply" line below them
constexpr double kPostGap = 14;

theme::Rgb accent() { return theme::accent(sync::ListKind::Inbox); }

void button(wxGraphicsContext& gc, const wxRect& r, const wxString& label, bool hover, bool filled) {
  gc.SetPen(wxPen(draw::colour(accent(), filled ? 0 : 160), 1));
  gc.SetBrush(wxBrush(draw::colour(accent(), filled ? (hover ? 255 : 215) : (hover ? 60 : 0))));
  gc.DrawRoundedRectangle(r.x + 0.5, r.y + 0.5, r.width - 1, r.height - 1, r.height / 2.0);
  gc.SetFont(draw::font(-1, true), draw::colour(filled ? theme::palette().card : theme::palette().text));
  gc.DrawText(label, r.x + (r.width - draw::textWidth(gc, label)) / 2, r.y + (r.height - draw::textHeight(gc)) / 2);
}

}  // namespace

InboxView::InboxView(PaneHost& host, PanePresenter& presenter)
    : host_(host), presenter_(presenter), list_(theme::kRowHeight) {
  timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { onTimer(); });
  readingButtons_ = std::make_unique<AccessibleButtons>(*host_.window(), std::string(_("Discussion").utf8_str()),
                                                        std::vector<AccessibleButton>{});
  itemsChanged();
}

InboxView::~InboxView() { timer_.Stop(); }

const InboxThread* InboxView::thread(std::int64_t id) const {
  for (const auto& t : threads_)
    if (t.id() == id) return &t;
  return nullptr;
}

const InboxThread* InboxView::selectedThread() const {
  if (reading_) return thread(*reading_);
  const auto id = list_.selectedId();
  return id ? thread(*id) : nullptr;
}

void InboxView::itemsChanged() {
  threads_ = inboxThreads(presenter_.items(), presenter_.readIds());
  std::vector<std::int64_t> ids;
  ids.reserve(threads_.size());
  for (const auto& t : threads_) ids.push_back(t.id());
  list_.setIds(std::move(ids));
  if (!list_.selectedId() && list_.size() > 0) list_.selectIndex(0);
  list_.scrollBy(0, listArea(host_.contentArea()));
  if (reading_) {
    // A create's temp id becomes the server's on its push: follow it.
    if (!thread(*reading_))
      if (const auto item = presenter_.item(*reading_)) reading_ = item->id;
    if (const InboxThread* t = thread(*reading_)) {
      post_ = std::min(post_, t->replies.size());
    } else {
      closeReading();
    }
  }
  laidOutWidth_ = -1;
  host_.repaintContent();
}

wxRect InboxView::undoBar(const wxRect& area) const {
  if (!lastDeleted_) return wxRect();
  return wxRect(area.x + 8, area.GetBottom() - kUndoBarHeight - 2, area.width - 16, kUndoBarHeight);
}

wxRect InboxView::listArea(const wxRect& area) const {
  wxRect r = area;
  if (lastDeleted_) r.height = std::max(0, r.height - kUndoBarHeight - 6);
  return r;
}

// ---- painting

void InboxView::paint(wxGraphicsContext& gc, const wxRect& area) {
  gc.Clip(area);
  if (reading_ && thread(*reading_)) paintReading(gc, listArea(area));
  else paintList(gc, listArea(area));
  if (lastDeleted_) {
    const wxRect bar = undoBar(area);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(draw::colour(theme::palette().text, 235)));
    gc.DrawRoundedRectangle(bar.x, bar.y, bar.width, bar.height, 8);
    const wxString undo = _("Undo");
    gc.SetFont(draw::font(-1, true), draw::colour(theme::palette().card));
    const double uw = draw::textWidth(gc, undo);
    gc.DrawText(undo, bar.GetRight() - uw - 14, bar.y + (bar.height - draw::textHeight(gc)) / 2);
    gc.SetFont(draw::font(-1), draw::colour(theme::palette().card));
    const wxString what = wxString::Format(_("Deleted \"%s\""), draw::utf8(lastDeletedTitle_));
    gc.DrawText(draw::fitted(gc, what, bar.width - uw - 44), bar.x + 14,
                bar.y + (bar.height - draw::textHeight(gc)) / 2);
  }
  gc.ResetClip();
}

void InboxView::paintList(wxGraphicsContext& gc, const wxRect& area) {
  if (threads_.empty()) {
    gc.SetFont(draw::font(-1, false, true), draw::colour(theme::palette().subtle));
    const wxString empty = presenter_.status().lastSync ? _("No discussions yet: Ctrl+N starts one")
                                                        : _("Waiting for the first sync...");
    gc.DrawText(empty, area.x + (area.width - draw::textWidth(gc, empty)) / 2, area.y + 24);
    return;
  }
  const auto now = Clock::now();
  list_.paint(
      gc, area,
      [&](wxGraphicsContext& g, std::size_t i, const wxRect& box, bool selected, bool hovered) {
        const InboxThread& t = threads_[i];
        if (selected || hovered) draw::rowHighlight(g, box.x + 6, box.y + 1, box.width - 12, box.height - 2, selected);
        const bool unread = t.unread();
        if (unread) {
          g.SetPen(*wxTRANSPARENT_PEN);
          g.SetBrush(wxBrush(draw::colour(accent())));
          g.DrawEllipse(box.x + 5, box.y + 14, 6, 6);
        }
        double x = box.x + theme::kPad;
        if (t.message.conflict || t.message.pending) {
          draw::stateDot(g, x, box.y + 13, t.message.conflict);
          x += 14;
        }
        double right = box.GetRight() - theme::kPad;
        if (t.unreadReplies > 0) {
          g.SetFont(draw::font(-2, true), *wxWHITE);
          const wxString count = wxString::Format("%d", t.unreadReplies);
          const double w = draw::textWidth(g, count) + 12;
          draw::pill(g, right - w, box.y + 8, count, accent(), theme::palette().card);
          right -= w + 8;
        }
        g.SetFont(draw::font(0, unread), draw::colour(theme::palette().text));
        g.DrawText(draw::fitted(g, draw::utf8(threadTitle(t)), right - x), x, box.y + 7);
        g.SetFont(draw::font(-2), draw::colour(unread ? theme::palette().text : theme::palette().subtle, unread ? 220 : 255));
        g.DrawText(draw::fitted(g, draw::utf8(threadDetail(t, now)), box.GetRight() - theme::kPad - x), x,
                   box.y + 28);
      },
      draw::colour(accent(), 150));
}

void InboxView::layoutReading(wxGraphicsContext& gc, double width) {
  const InboxThread* t = thread(*reading_);
  posts_.clear();
  double y = 0;
  for (std::size_t i = 0; i <= t->replies.size(); ++i) {
    const InboxMessage& m = i == 0 ? t->message : t->replies[i - 1];
    PostLayout p;
    const double indent = i == 0 ? 0 : 14;
    p.body.layout(gc, sanitiseHtml(m.bodyHtml), width - indent - 2 * theme::kPad, -1);
    gc.SetFont(draw::font(i == 0 ? 2 : 0, true), *wxWHITE);
    double head = 8 + draw::textHeight(gc) + 4;  // the author line
    if (i == 0) {
      gc.SetFont(draw::font(2, true), *wxWHITE);
      head += draw::textHeight(gc) + 2;  // the subject above it
    }
    p.top = y;
    p.height = head + p.body.height() + 10;
    y += p.height + kPostGap;
    posts_.push_back(std::move(p));
  }
  readingHeight_ = y;
  laidOutWidth_ = width;
}

void InboxView::paintReading(wxGraphicsContext& gc, const wxRect& area) {
  const InboxThread* t = thread(*reading_);
  if (laidOutWidth_ != area.width) layoutReading(gc, area.width);
  const auto now = Clock::now();

  // Top line: back, and the post count.
  backButton_ = wxRect(area.x + 10, area.y + 4, 78, 24);
  button(gc, backButton_, _("Back"), hoverBack_, false);
  gc.SetFont(draw::font(-2), draw::colour(theme::palette().subtle));
  const wxString count = wxString::Format(wxPLURAL("%d reply", "%d replies", t->replyCount), t->replyCount);
  gc.DrawText(count, area.GetRight() - theme::kPad - draw::textWidth(gc, count),
              area.y + 4 + (24 - draw::textHeight(gc)) / 2);

  const wxRect posts(area.x, area.y + kReadingTop, area.width, std::max(0, area.height - kReadingTop - kReadingBottom));
  const int maxScroll = std::max(0, static_cast<int>(readingHeight_) - posts.height);
  readScroll_ = std::clamp(readScroll_, 0, maxScroll);
  gc.Clip(posts);
  for (std::size_t i = 0; i < posts_.size(); ++i) {
    const PostLayout& p = posts_[i];
    const double top = posts.y + p.top - readScroll_;
    if (top > posts.GetBottom() || top + p.height < posts.y) continue;
    const InboxMessage& m = i == 0 ? t->message : t->replies[i - 1];
    const double indent = i == 0 ? 0 : 14;
    const double x = posts.x + theme::kPad + indent;
    if (i == post_) draw::rowHighlight(gc, posts.x + 6 + indent, top, posts.width - 12 - indent, p.height, true);
    if (i > 0) {
      gc.SetPen(*wxTRANSPARENT_PEN);
      gc.SetBrush(wxBrush(draw::colour(accent(), 150)));
      gc.DrawRectangle(posts.x + 6 + indent, top + 6, 2, p.height - 12);
    }
    double y = top + 8;
    if (i == 0) {
      gc.SetFont(draw::font(2, true), draw::colour(theme::palette().text));
      gc.DrawText(draw::fitted(gc, draw::utf8(threadTitle(*t)), posts.width - 2 * theme::kPad), x, y);
      y += draw::textHeight(gc) + 2;
    }
    const wxString author = m.author.empty() ? _("You") : draw::utf8(m.author);
    gc.SetFont(draw::font(-1, m.unread), draw::colour(theme::palette().text));
    const double aw = draw::textWidth(gc, author);
    gc.DrawText(author, x, y);
    gc.SetFont(draw::font(-2), draw::colour(theme::palette().subtle));
    double sx = x + aw + 8;
    if (m.pending || m.conflict) {
      draw::stateDot(gc, sx, y + 5, m.conflict);
      sx += 12;
    }
    gc.DrawText(draw::utf8(whenText(m.created, now)), sx, y + 1);
    gc.SetFont(draw::font(-1), *wxWHITE);
    y += draw::textHeight(gc) + 4;
    p.body.paint(gc, x, y, theme::palette().text, theme::palette().link);
  }
  gc.ResetClip();
  gc.Clip(area);
  if (maxScroll > 0) {
    const double th = std::max(24.0, posts.height * static_cast<double>(posts.height) / readingHeight_);
    const double ty = posts.y + (posts.height - th) * readScroll_ / maxScroll;
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(draw::colour(accent(), 150)));
    gc.DrawRoundedRectangle(posts.GetRight() - 5, ty, 3, th, 1.5);
  }

  // Bottom line: reply, and the keys.
  replyButton_ = wxRect(area.GetRight() - theme::kPad - 90, area.GetBottom() - kReadingBottom + 8, 90, 26);
  button(gc, replyButton_, _("Reply"), hoverReply_, true);
  gc.SetFont(draw::font(-3), draw::colour(theme::palette().subtle));
  gc.DrawText(draw::fitted(gc, _("R reply, Ctrl+U unread, Esc back"), replyButton_.x - area.x - theme::kPad - 8),
              area.x + theme::kPad, replyButton_.y + (26 - draw::textHeight(gc)) / 2);
}

// ---- actions

void InboxView::open(std::int64_t threadId) {
  const InboxThread* t = thread(threadId);
  if (!t) return;
  reading_ = threadId;
  list_.selectId(threadId);
  post_ = 0;
  readScroll_ = 0;
  laidOutWidth_ = -1;
  // Marked read after a moment, as mail is: a thread only passed over stays bold.
  if (t->unread()) {
    markReadAt_ = std::chrono::steady_clock::now() + kMarkReadDelay;
    armTimer();
  }
  // The reading view's painted buttons, for screen readers.
  auto text = [](const wxString& s) { return std::string(s.utf8_str()); };
  readingButtons_->setButtons({
      {text(_("Back")), "Escape", [this] { closeReading(); }},
      {text(_("Reply")), "r", [this] { reply(); }},
      {text(_("Mark read or unread")), "<Control>u", [this] { toggleRead(); }},
  });
  host_.repaintContent();
}

void InboxView::closeReading() {
  reading_.reset();
  markReadAt_.reset();
  posts_.clear();
  readingButtons_->setButtons({});
  host_.repaintContent();
}

void InboxView::setThreadRead(const InboxThread& t, bool read) {
  // Tests follow read marks in the app's own words (DESKPANE_TRACE_ROWS).
  static const bool trace = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  if (trace) {
    std::printf("deskpane: inbox %s %lld\n", read ? "read" : "unread", static_cast<long long>(t.id()));
    std::fflush(stdout);
  }
  if (read) {
    for (std::int64_t id : t.allIds()) presenter_.setRead(id, true);
  } else {
    // Unread again: the thread's own post (and so the thread) is bold.
    presenter_.setRead(t.id(), false);
  }
}

void InboxView::toggleRead() {
  const InboxThread* t = selectedThread();
  if (!t) return;
  markReadAt_.reset();
  setThreadRead(*t, t->unread());
  itemsChanged();
}

void InboxView::newItem() {
  InboxEditor editor(host_.window(), "", [](const std::string& subject, const std::string& body) {
    return validateDiscussion(subject, body);
  });
  const int answer = editor.ShowModal();
  host_.window()->SetFocus();  // the pane's keys go on working after the dialog
  if (answer != wxID_OK) return;
  auto created = presenter_.create(newDiscussionFields(editor.subject(), editor.body()));
  if (!created.ok()) {
    wxMessageBox(draw::utf8(created.error().message), _("The discussion was not saved"), wxOK | wxICON_ERROR,
                 host_.window());
    return;
  }
  presenter_.setRead(*created, true);  // what you wrote yourself is not news
  itemsChanged();
  list_.selectId(*created);
  host_.repaintContent();
}

void InboxView::reply() {
  const InboxThread* t = selectedThread();
  if (!t) return;
  const InboxThread parent = *t;
  InboxEditor editor(host_.window(), threadTitle(parent),
                     [](const std::string&, const std::string& body) { return validateReply(body); });
  const int answer = editor.ShowModal();
  host_.window()->SetFocus();
  if (answer != wxID_OK) return;
  auto created = presenter_.create(replyFields(parent, editor.body()));
  if (!created.ok()) {
    wxMessageBox(draw::utf8(created.error().message), _("The reply was not saved"), wxOK | wxICON_ERROR,
                 host_.window());
    return;
  }
  presenter_.setRead(*created, true);
  if (!reading_) open(parent.id());
  itemsChanged();
  if (const InboxThread* now = thread(parent.id())) post_ = now->replies.size();
  readScroll_ = 1 << 28;  // the new reply is at the bottom: show it (clamped when painted)
  host_.repaintContent();
}

void InboxView::deleteSelected() {
  const InboxThread* t = selectedThread();
  if (!t) return;
  std::int64_t id = t->id();
  std::string title = threadTitle(*t);
  if (reading_ && post_ > 0 && post_ <= t->replies.size()) {
    const InboxMessage& r = t->replies[post_ - 1];
    id = r.id;
    title = wxString::Format(_("reply by %s"), r.author.empty() ? _("you") : draw::utf8(r.author)).utf8_string();
    --post_;
  } else if (reading_) {
    closeReading();
  }
  presenter_.removeLater(id);
  lastDeleted_ = id;
  lastDeletedTitle_ = title;
  armTimer();
  itemsChanged();
}

void InboxView::undoDelete() {
  if (!lastDeleted_) return;
  presenter_.undoRemove(*lastDeleted_);
  lastDeleted_.reset();
  itemsChanged();
}

void InboxView::armTimer() {
  if (!timer_.IsRunning()) timer_.Start(250);
}

void InboxView::onTimer() {
  const auto now = std::chrono::steady_clock::now();
  if (markReadAt_ && now >= *markReadAt_) {
    markReadAt_.reset();
    if (reading_)
      if (const InboxThread* t = thread(*reading_)) setThreadRead(*t, true);
    itemsChanged();
  }
  if (!presenter_.pendingRemovals().empty() && presenter_.commitDueRemovals() > 0) {
    const auto pending = presenter_.pendingRemovals();
    if (lastDeleted_ && std::find(pending.begin(), pending.end(), *lastDeleted_) == pending.end())
      lastDeleted_.reset();
    itemsChanged();
  }
  if (lastDeleted_) {
    const auto pending = presenter_.pendingRemovals();
    if (std::find(pending.begin(), pending.end(), *lastDeleted_) == pending.end()) {
      lastDeleted_.reset();
      host_.repaintContent();
    }
  }
  if (!markReadAt_ && presenter_.pendingRemovals().empty()) timer_.Stop();
}

// ---- input

void InboxView::mouse(wxMouseEvent& e) {
  const wxRect area = host_.contentArea();
  const wxPoint p = e.GetPosition();
  if (lastDeleted_ && undoBar(area).Contains(p)) {
    if (e.LeftUp()) undoDelete();
    return;
  }
  if (reading_) {
    const wxRect inner = listArea(area);
    const wxRect posts(inner.x, inner.y + kReadingTop, inner.width,
                       std::max(0, inner.height - kReadingTop - kReadingBottom));
    if (e.RightUp()) {
      for (std::size_t i = 0; i < posts_.size(); ++i) {
        const double top = posts.y + posts_[i].top - readScroll_;
        if (posts.Contains(p) && p.y >= top && p.y < top + posts_[i].height) post_ = i;
      }
      host_.repaintContent();
      host_.window()->CallAfter([this, p] { contextMenu(p); });
      return;
    }
    if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
      const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
      readScroll_ = std::max(0, readScroll_ - steps * 48);
      host_.repaintContent();
    } else if (e.Moving() || e.Leaving()) {
      const bool back = !e.Leaving() && backButton_.Contains(p), rep = !e.Leaving() && replyButton_.Contains(p);
      if (back != hoverBack_ || rep != hoverReply_) {
        hoverBack_ = back;
        hoverReply_ = rep;
        host_.repaintContent();
      }
    } else if (e.LeftUp()) {
      if (backButton_.Contains(p)) {
        closeReading();
      } else if (replyButton_.Contains(p)) {
        // After the click is done: a modal dialog inside a mouse handler
        // would leave the frame's button state behind.
        host_.window()->CallAfter([this] { reply(); });
      } else if (posts.Contains(p)) {
        const InboxThread* t = thread(*reading_);
        for (std::size_t i = 0; t && i < posts_.size(); ++i) {
          const double top = posts.y + posts_[i].top - readScroll_;
          if (p.y < top || p.y >= top + posts_[i].height) continue;
          post_ = i;
          // Links open only on a click, in the user's browser.
          const double indent = i == 0 ? 0 : 14;
          std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create());
          double head = 8;
          if (i == 0) {
            gc->SetFont(draw::font(2, true), *wxWHITE);
            head += draw::textHeight(*gc) + 2;
          }
          gc->SetFont(draw::font(-1), *wxWHITE);
          head += draw::textHeight(*gc) + 4;
          const std::string link = posts_[i].body.hitLink(p, posts.x + theme::kPad + indent, top + head);
          if (!link.empty()) wxLaunchDefaultBrowser(draw::utf8(link));
          host_.repaintContent();
          break;
        }
      }
    }
    return;
  }
  const wxRect la = listArea(area);
  if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
    const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
    if (list_.scrollBy(-steps * list_.rowHeight(), la)) host_.repaintContent();
  } else if (e.LeftDown()) {
    if (auto row = list_.rowAt(p, la)) {
      list_.selectIndex(*row);
      host_.repaintContent();
    }
  } else if (e.LeftUp()) {
    if (auto row = list_.rowAt(p, la)) {
      const std::int64_t id = list_.ids()[*row];
      host_.window()->CallAfter([this, id] { open(id); });
    }
  } else if (e.RightUp()) {
    if (auto row = list_.rowAt(p, la)) list_.selectIndex(*row);
    host_.repaintContent();
    host_.window()->CallAfter([this, p] { contextMenu(p); });
  } else if (e.Moving() || e.Leaving()) {
    const auto row = e.Leaving() ? std::nullopt : list_.rowAt(p, la);
    list_.setHover(row);
    // A narrow pane cuts a thread's title; the tooltip has it whole.
    const InboxThread* t = row ? thread(list_.ids()[*row]) : nullptr;
    host_.setHoverText(t ? threadTitle(*t) : std::string());
    host_.repaintContent();
  }
}

bool InboxView::key(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  const int mods = e.GetModifiers();
  if (mods == wxMOD_CONTROL && (code == 'U' || code == 'u')) {
    toggleRead();
    return true;
  }
  if (mods == wxMOD_CONTROL && (code == 'Z' || code == 'z') && lastDeleted_) {
    undoDelete();
    return true;
  }
  if (code == WXK_DELETE && mods == 0) {
    deleteSelected();
    return true;
  }
  if (reading_) {
    const InboxThread* t = thread(*reading_);
    if (!t) return false;
    if ((code == WXK_ESCAPE || code == WXK_BACK) && mods == 0) {
      closeReading();
      return true;
    }
    if ((code == 'R' || code == 'r') && (mods == 0 || mods == wxMOD_CONTROL)) {
      host_.window()->CallAfter([this] { reply(); });
      return true;
    }
    const wxRect area = listArea(host_.contentArea());
    const int visible = std::max(0, area.height - kReadingTop - kReadingBottom);
    std::size_t next = post_;
    if (code == WXK_DOWN && post_ < t->replies.size()) next = post_ + 1;
    else if (code == WXK_UP && post_ > 0) next = post_ - 1;
    else if (code == WXK_PAGEDOWN) readScroll_ += visible * 9 / 10;
    else if (code == WXK_PAGEUP) readScroll_ = std::max(0, readScroll_ - visible * 9 / 10);
    else if (code == WXK_HOME) next = 0;
    else if (code == WXK_END) next = t->replies.size();
    else if (code != WXK_DOWN && code != WXK_UP) return false;
    if (next != post_ && next < posts_.size()) {
      post_ = next;
      const PostLayout& p = posts_[post_];
      if (p.top < readScroll_) readScroll_ = static_cast<int>(p.top);
      else if (p.top + p.height > readScroll_ + visible)
        readScroll_ = static_cast<int>(std::min(p.top, p.top + p.height - visible));
    }
    host_.repaintContent();
    return true;
  }
  if ((code == WXK_RETURN || code == WXK_NUMPAD_ENTER) && mods == 0) {
    if (const auto id = list_.selectedId()) open(*id);
    return true;
  }
  if (list_.moveKey(code, listArea(host_.contentArea()))) {
    host_.repaintContent();
    return true;
  }
  return false;
}

const InboxMessage* InboxView::focusedMessage() const {
  if (reading_) {
    const InboxThread* t = thread(*reading_);
    if (!t) return nullptr;
    if (post_ == 0) return &t->message;
    return post_ <= t->replies.size() ? &t->replies[post_ - 1] : nullptr;
  }
  const InboxThread* t = selectedThread();
  return t ? &t->message : nullptr;
}

void InboxView::appendMenu(wxMenu& menu) {
  const int newId = wxWindow::NewControlId(), readId = wxWindow::NewControlId(), deleteId = wxWindow::NewControlId(),
            mineId = wxWindow::NewControlId(), theirsId = wxWindow::NewControlId();
  menu.Append(newId, _("New discussion\tCtrl+N"));
  if (const InboxThread* t = selectedThread()) {
    menu.Append(readId, t->unread() ? _("Mark as read\tCtrl+U") : _("Mark as unread\tCtrl+U"));
    menu.Append(deleteId, _("Delete discussion\tDel"));
  }
  // The post in view (or the selected discussion) changed here and on the
  // server at once: the user picks which version stays.
  std::int64_t conflictId = 0;
  if (const InboxMessage* m = focusedMessage(); m && m->conflict) {
    conflictId = m->id;
    menu.AppendSeparator();
    menu.Append(mineId, _("Conflict: keep mine"));
    menu.Append(theirsId, _("Conflict: keep theirs"));
  }
  menu.Bind(wxEVT_MENU, [this, newId, readId, deleteId, mineId, theirsId, conflictId](wxCommandEvent& ev) {
    if (ev.GetId() == newId) host_.window()->CallAfter([this] { newItem(); });
    else if (ev.GetId() == readId) toggleRead();
    else if (ev.GetId() == deleteId) {
      post_ = 0;  // the menu deletes the whole discussion
      deleteSelected();
    } else if (conflictId != 0 && (ev.GetId() == mineId || ev.GetId() == theirsId)) {
      resolve(conflictId, ev.GetId() == mineId);
    } else ev.Skip();
  });
}

void InboxView::resolve(std::int64_t id, bool keepMine) {
  if (const auto result = presenter_.resolveConflict(id, keepMine); !result)
    wxMessageBox(draw::utf8(result.error().message), _("Inbox"), wxOK | wxICON_WARNING, host_.window());
  itemsChanged();
}

void InboxView::contextMenu(const wxPoint& at) {
  wxMenu menu;
  appendMenu(menu);
  host_.window()->PopupMenu(&menu, at);
}

std::string InboxView::accessibleText() const {
  std::string out;
  const auto now = Clock::now();
  if (reading_) {
    if (const InboxThread* t = thread(*reading_)) {
      out += threadTitle(*t) + "\n";
      for (std::size_t i = 0; i <= t->replies.size(); ++i) {
        const InboxMessage& m = i == 0 ? t->message : t->replies[i - 1];
        out += (m.unread ? _("Unread: ").utf8_string() : std::string()) +
               (m.author.empty() ? _("You").utf8_string() : m.author) + ", " + whenText(m.created, now) + ": " +
               sanitiseHtml(m.bodyHtml).plainText() + "\n";
      }
    }
    return out;
  }
  for (const auto& t : threads_)
    out += (t.unread() ? _("Unread: ").utf8_string() : std::string()) + threadTitle(t) + ", " +
           threadDetail(t, now) + "\n";
  return out;
}

}  // namespace deskpane::overlay::inbox
