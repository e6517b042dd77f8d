#pragma once
// Initial content: `demo` (a realistic week around today in five lists),
// `empty` (the five lists, no items) or `bulk:N` (N deterministic items in
// every list, for benchmarks and paging tests).
#include <string>

namespace deskpane::emu {

class ItemStore;

// Throws std::invalid_argument for an unknown seed name.
void seedStore(ItemStore& store, const std::string& seed);
// The five demo lists, created when the store has none.
void createDemoLists(ItemStore& store);

}  // namespace deskpane::emu
