// How much structure a reader builds from one file: past a budget of nodes, the rest is read as plain paragraphs,
// so that any input up to max_input_bytes converts in bounded time and memory (README, "Bad input").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <minutes/ir.hpp>

namespace minutes::formats {

// Nodes (blocks, list items, table rows and cells, inlines, and '@' that may become mentions) a reader builds with
// their structure from one file: about 200 times the largest real minutes. What comes after is plain paragraphs.
inline constexpr std::size_t node_budget = 250'000;

// Lines longer than this are not read with structure: past them, as past the budget, the rest is plain paragraphs.
inline constexpr std::size_t max_line_bytes = std::size_t{64} << 10;

// Where a reader that builds a few nodes per line and per ':', '@' and '<' (a draft's) stops reading structure:
// the start of the line that spends the budget, or of a line longer than max_line_bytes; npos when none does.
std::size_t structure_cut(std::string_view text, std::size_t budget = node_budget);

// Adds `offset` to the line of every block, item, row and inline of blocks (a part of a file read on its own);
// returns how many nodes they hold.
std::size_t shift_lines(ir::Blocks& blocks, int offset);

// Text read without structure: paragraphs of at least plain_paragraph_bytes split at blank lines, their lines
// joined by spaces into text inlines of at most about plain_inline_bytes (line breaks between), numbered from
// first_line. Linear in the text; few nodes, however many lines, and no line that later steps scan is long.
inline constexpr std::size_t plain_paragraph_bytes = 4096, plain_inline_bytes = 4096;
ir::Blocks plain_paragraphs(std::string_view text, int first_line);

// The warning at the line where a reader's budget ran out and plain paragraphs begin.
std::string plain_from_here(std::size_t budget = node_budget);

}  // namespace minutes::formats
