#pragma once
// Process-wide allocator settings for a process that runs the sync engine.
// Call once at the start of main(), before any thread exists.

namespace deskpane::sync {

// glibc gives every thread that allocates its own malloc arena and never hands
// an arena's freed pages back while the arena lives. A first sync builds each
// multi-megabyte page body on a cpprestsdk I/O thread and frees it on the
// engine's: with one arena per thread the process kept ~45 MB it no longer
// used (deskpane-bench sync: peak RSS 78 MB, heaptrack: 18 MB heap peak). One
// arena keeps the peak at what the engine really holds; the few threads of
// this app barely contend for it. No effect on other C libraries.
void limitMallocArenas();

// Hands the heap's free pages back to the system. glibc returns memory only
// from the top of the heap on its own; a pane that re-reads its list frees
// the whole list it read (tens of megabytes for 10,000 items) while what it
// keeps was allocated after, so the freed pages lie below and stay counted
// in the process's RSS until this. Costs a walk over the free chunks (a few
// milliseconds on a 100 MB heap): call after big reads, not per frame.
void returnFreedMemory();

// cpprestsdk starts 40 I/O threads on first use; the sync engine keeps at most
// a handful of requests in flight and parses on its own threads, so two
// serve it, and each idle thread only costs a stack and wake-ups. Both the
// desktop app and the headless commands set it first thing in main(), so a
// figure measured with `deskpane --sync` holds for the app.
void limitHttpThreads();

}  // namespace deskpane::sync
