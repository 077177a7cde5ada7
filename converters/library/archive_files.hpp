// `minutes build` inside the library: hashing, the output folder's file operations (never outside OUT), display.
#pragma once

#include <string>
#include <string_view>

#include <minutes/ir.hpp>

namespace minutes::archive {

// A fast non-cryptographic content hash (XXH64) as 16 hex digits.
std::string hash_bytes(std::string_view bytes);

// The hash of the library's version and the running binary's size and modification time; computed once.
const std::string& binary_hash();

// True when path is a regular file (not following a final symlink).
bool regular_file(const std::string& path);

// Creates out/<rel_dir> folder by folder, refusing any component that exists as a symlink or a non-folder;
// an error sentence then, else empty.
std::string ensure_output_dir(const std::string& out, std::string_view rel_dir);

// Removes out/rel when every folder between lies inside out as a real folder (no symlink), then its folders as
// they become empty.
void remove_output(const std::string& out, const std::string& rel);

// A diagnostic as it is shown: a path relative to SRC (a source's) joined to SRC.
ir::Diagnostic shown(ir::Diagnostic d, const std::string& src);

}  // namespace minutes::archive
