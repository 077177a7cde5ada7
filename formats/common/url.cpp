// URL escaping, RFC 3986 resolution and the one scheme policy of every link and image an output carries.
#include "formats/common/url.hpp"

#include <array>

#include <fmt/format.h>

#include "formats/common/text.hpp"

namespace minutes::formats {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 unreserved and reserved characters except '[' and ']' (which anyURI validators refuse outside a host).
constexpr std::array<bool, 256> uri_chars = [] {
  std::array<bool, 256> t{};
  for (int c = 0x21; c < 0x7f; ++c) t[static_cast<size_t>(c)] = true;
  for (char c : std::string_view("\"<>\\^`{|}[]%")) t[static_cast<unsigned char>(c)] = false;
  return t;
}();
bool uri_char(unsigned char c) { return uri_chars[c]; }

// Percent-encodes what may not stand in a URI: a '%' stays only before two hex digits, a second '#' is encoded;
// a file path (path = true) has every '%', '#' and '?' encoded.
std::string percent_encode(std::string_view s, bool path = false) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 8);
  bool fragment = false;
  size_t run = 0;  // the start of the bytes kept as they are, appended at once
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool keep = uri_char(c);
    if (c == '%') keep = !path && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2]);
    if (c == '#') keep = !path && !fragment;
    if (c == '?' && path) keep = false;
    if (c == '#') fragment = true;
    if (keep) continue;
    out.append(s.substr(run, i - run));
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
    run = i + 1;
  }
  out.append(s.substr(run));
  return out;
}

// The length of a valid scheme ending at the first ':' before any '/', '?' or '#'; 0 when there is none.
size_t scheme_length(std::string_view url) {
  auto colon = url.find_first_of(":/?#");
  if (colon == std::string_view::npos || url[colon] != ':' || colon == 0 || !is_alpha(url[0])) return 0;
  for (size_t i = 0; i < colon; ++i)
    if (!is_alpha(url[i]) && !is_digit(url[i]) && url[i] != '+' && url[i] != '-' && url[i] != '.') return 0;
  return colon;
}

bool web_scheme(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      auto slash = out.rfind('/');
      out.erase(slash == std::string::npos ? 0 : slash);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

struct UrlParts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_authority = false, has_query = false, has_fragment = false;
};

UrlParts split_url(std::string_view u) {
  UrlParts p;
  if (size_t n = scheme_length(u); n > 0) {
    p.scheme = u.substr(0, n);
    u.remove_prefix(n + 1);
  }
  if (auto h = u.find('#'); h != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = u.substr(h + 1);
    u = u.substr(0, h);
  }
  if (auto q = u.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = u.substr(q + 1);
    u = u.substr(0, q);
  }
  if (u.starts_with("//")) {
    p.has_authority = true;
    auto end = u.find('/', 2);
    p.authority = u.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
    u = end == std::string_view::npos ? std::string_view() : u.substr(end);
  }
  p.path = u;
  return p;
}

}  // namespace

std::string url_scheme(std::string_view url) {
  std::string s(url.substr(0, scheme_length(url)));
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool allowed_url(std::string_view url) {
  std::string scheme = url_scheme(url);
  return scheme.empty() || web_scheme(scheme) || scheme == "mailto";
}

std::string resolve_url(std::string_view base, std::string_view ref) {
  UrlParts b = split_url(base), r = split_url(ref);
  if (b.scheme.empty() || !r.scheme.empty()) return std::string(ref);
  std::string out(b.scheme);
  out += ':';
  auto add_authority = [&out](std::string_view a) {
    out += "//";
    out += a;
  };
  std::string path;
  std::string_view query;
  bool has_query = false;
  if (r.has_authority) {
    add_authority(r.authority);
    path = remove_dot_segments(r.path);
    query = r.query;
    has_query = r.has_query;
  } else {
    if (b.has_authority) add_authority(b.authority);
    if (r.path.empty()) {
      path = std::string(b.path);
      query = r.has_query ? r.query : b.query;
      has_query = r.has_query || b.has_query;
    } else {
      if (r.path.starts_with('/')) {
        path = remove_dot_segments(r.path);
      } else {
        std::string merged;
        if (b.has_authority && b.path.empty()) {
          merged = "/" + std::string(r.path);
        } else {
          auto slash = b.path.rfind('/');
          merged = std::string(slash == std::string_view::npos ? std::string_view() : b.path.substr(0, slash + 1));
          merged += r.path;
        }
        path = remove_dot_segments(merged);
      }
      query = r.query;
      has_query = r.has_query;
    }
  }
  out += path;
  if (has_query) (out += '?') += query;
  if (r.has_fragment) (out += '#') += r.fragment;
  return out;
}

std::string safe_url(std::string_view url, std::string_view base) {
  std::string clean;  // browsers drop tabs and newlines inside URLs too
  clean.reserve(url.size());
  for (unsigned char c : url)
    if (c >= 0x20 && c != 0x7f) clean.push_back(static_cast<char>(c));
  auto first = clean.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  clean = clean.substr(first, clean.find_last_not_of(' ') - first + 1);
  if (scheme_length(clean) > 0) return allowed_url(clean) ? percent_encode(clean) : std::string();
  std::string encoded = percent_encode(clean);
  // Without a valid scheme, a ':' in the first segment would read as one ("java script:x"): encoded.
  if (auto colon = encoded.find_first_of(":/?#"); colon != std::string::npos && encoded[colon] == ':')
    encoded.replace(colon, 1, "%3A");
  if (web_scheme(url_scheme(base))) encoded = resolve_url(base, encoded);
  return allowed_url(encoded) ? encoded : std::string();
}

std::string local_href(std::string_view path) {
  std::string rel = percent_encode(path, true);
  auto colon = rel.find(':');
  if (colon != std::string::npos && colon < rel.find('/')) rel.insert(0, "./");
  return rel;
}

std::string join_url(std::string_view base, std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  if (path.starts_with('/')) {
    auto slash = path.find_last_of('/');
    path = path.substr(slash + 1);  // an absolute source path says nothing about the site: keep the file name
  }
  std::string rel = local_href(path);
  if (base.empty()) return rel;
  std::string b(base);
  if (!b.ends_with('/')) b += '/';
  return resolve_url(b, rel);
}

std::string checked_base(std::string_view base, std::string_view origin, std::vector<ir::Diagnostic>& diagnostics) {
  if (base.empty() || web_scheme(url_scheme(base))) return std::string(base);
  std::string shown = clean_text(base.substr(0, 60));
  diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                         fmt::format("{} '{}{}' is not an http or https URL: it is not used, links stay relative; "
                                     "give a URL such as https://example.org/minutes/",
                                     origin, shown, base.size() > 60 ? "..." : "")});
  return {};
}

}  // namespace minutes::formats
