#include "sync/process_memory.h"

#include <pplx/threadpool.h>

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace deskpane::sync {

void limitMallocArenas() {
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, 1);
#endif
}

void returnFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void limitHttpThreads() { crossplat::threadpool::initialize_with_threads(2); }

}  // namespace deskpane::sync
