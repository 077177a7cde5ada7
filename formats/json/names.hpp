// The JSON encoding's names of the IR's kinds, shared by the JSON writer and reader.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include <minutes/ir.hpp>

namespace minutes::formats::json_names {

template <class E>
using Names = std::pair<E, std::string_view>;

inline constexpr Names<ir::InlineKind> inlines[] = {
    {ir::InlineKind::text, "text"},
    {ir::InlineKind::emphasis, "emphasis"},
    {ir::InlineKind::strong, "strong"},
    {ir::InlineKind::strikethrough, "strikethrough"},
    {ir::InlineKind::code, "code"},
    {ir::InlineKind::link, "link"},
    {ir::InlineKind::image, "image"},
    {ir::InlineKind::mention, "mention"},
    {ir::InlineKind::line_break, "linebreak"},
    {ir::InlineKind::soft_break, "softbreak"},
};

inline constexpr Names<ir::BlockKind> blocks[] = {
    {ir::BlockKind::paragraph, "paragraph"}, {ir::BlockKind::list, "list"},   {ir::BlockKind::code, "code"},
    {ir::BlockKind::quote, "quote"},         {ir::BlockKind::table, "table"}, {ir::BlockKind::image, "image"},
    {ir::BlockKind::rule, "rule"},           {ir::BlockKind::html, "html"},   {ir::BlockKind::heading, "heading"},
};

inline constexpr Names<ir::Align> aligns[] = {
    {ir::Align::none, "none"}, {ir::Align::left, "left"}, {ir::Align::center, "center"}, {ir::Align::right, "right"}};

inline constexpr Names<ir::Severity> severities[] = {
    {ir::Severity::note, "note"}, {ir::Severity::warning, "warning"}, {ir::Severity::error, "error"}};

// The name of a kind (the table's first name when the kind is missing from it).
template <class E, std::size_t N>
constexpr std::string_view name_of(const Names<E> (&table)[N], E kind) {
  for (const auto& [k, name] : table)
    if (k == kind) return name;
  return table[0].second;
}

// The kind of a name; nullopt for a name the table does not hold.
template <class E, std::size_t N>
constexpr std::optional<E> kind_of(const Names<E> (&table)[N], std::string_view name) {
  for (const auto& [k, n] : table)
    if (n == name) return k;
  return std::nullopt;
}

}  // namespace minutes::formats::json_names
