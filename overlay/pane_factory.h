#pragma once
// Makes the content of a pane of each kind: the one place that switches on
// sync::ListKind to pick a pane's view.
#include "overlay/pane_content.h"
#include "sync/list_kind.h"

#include <memory>

namespace deskpane::overlay {

class PanePresenter;

std::unique_ptr<PaneContent> makePaneContent(sync::ListKind kind, PaneHost& host, PanePresenter& presenter);

}  // namespace deskpane::overlay
