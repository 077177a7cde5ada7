// Files a meeting may pull into an output (images, reference documents): writers reach them only through here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// What a fetch gives: the bytes, or why not (a sentence for a diagnostic, e.g. "is outside the archive").
struct Fetched {
  std::optional<std::string> bytes;
  std::string why;
};

// Where writers get files from. Implementations decide what may be read; a writer never opens a file itself.
class Resources {
 public:
  virtual ~Resources() = default;
  // The bytes of `reference` (a path or file: URL as written in the meeting, or a reference document's path),
  // resolved against the folder of `source` (the meeting's path; empty: the current folder).
  virtual Fetched fetch(std::string_view reference, std::string_view source) const = 0;
};

// Resources that refuse everything: images become links, a reference document is a warning.
class NoResources final : public Resources {
 public:
  Fetched fetch(std::string_view reference, std::string_view source) const override;
};

// Limits of FileResources.
struct FileLimits {
  std::size_t max_bytes = 32u << 20;  // a larger file is refused (32 MiB)
};

// Regular files under a set of root folders: a reference resolves against its meeting's folder, symlinks are
// followed only while they stay inside a root, FIFOs and devices are refused without being opened, and a file
// over the size limit is refused.
class FileResources final : public Resources {
 public:
  // Roots are folders, or single files (which allows that file alone); relative ones are taken from the current
  // folder. A relative meeting path (`source` of fetch) is taken from `base` (empty: the current folder), as
  // `minutes build` names meetings by their path inside SRC; a reference fetched without a source (a reference
  // document named on the command line) is taken from the current folder.
  explicit FileResources(std::vector<std::string> roots, FileLimits limits = {}, std::string base = {});
  Fetched fetch(std::string_view reference, std::string_view source) const override;
  const std::vector<std::string>& roots() const { return roots_; }

 private:
  std::vector<std::string> roots_;  // canonical, absolute
  FileLimits limits_;
  std::string base_;
};

// What writers keep between calls: styles prepared for a language and paper, package parts compressed once, a
// parsed reference document. Owned by the caller (one per build, say) and safe to share between threads; a
// writer called without one keeps nothing.
class Cache {
 public:
  Cache();
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;
  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// One source's place in the site `minutes build` makes of an archive.
struct SitePage {
  std::string source;  // relative to SRC, '/'-separated ("iaas/20241211.md")
  std::string page;    // its HTML page relative to OUT ("iaas/20241211.html"); empty when no pages are made
  std::string series;  // its top folder ("iaas"), which its series' page and feeds are named by; empty at the top
  std::string label;   // its short name beside the others of its series: the date in its file name, else the name
};

// The site `minutes build` makes of an archive: what pages link to (their own files, the pages beside them in
// their series, their series), known before any meeting is read.
struct Site {
  std::vector<SitePage> pages;                      // every source, in byte order of `source`
  std::map<std::string, std::string> series_names;  // top folder -> the series' name as people read it
  // The entry of a source path relative to SRC; nullptr when the archive has no such source.
  const SitePage* find(std::string_view source) const {
    auto it = std::lower_bound(pages.begin(), pages.end(), source,
                               [](const SitePage& p, std::string_view s) { return p.source < s; });
    return it != pages.end() && it->source == source ? &*it : nullptr;
  }
};

// What a writer may use besides meetings and options.
struct WriteContext {
  const Resources* resources = nullptr;  // null: nothing is fetched (as NoResources)
  Cache* cache = nullptr;                // null: nothing is kept between calls
  const Site* site = nullptr;            // `minutes build`: the archive's pages, for links between them; null: none
  // What identifies each meeting's content when the caller knows it (`minutes build`: the hash of its source's
  // bytes, by source path, under one build's options), so that what a writer makes of one meeting is shared
  // through the cache between its calls; null, or a source not in it: the writer hashes the meeting's IR.
  const std::map<std::string, std::string, std::less<>>* content_keys = nullptr;
};

}  // namespace minutes
