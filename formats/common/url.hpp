// URLs in every output: one scheme policy (http, https, mailto, relative), applied after joining with a base.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes::formats {

// The lower-case scheme of a URL ("https"); empty for a relative reference.
std::string url_scheme(std::string_view url);

// True for what an output may link to: an http, https or mailto URL, or a relative reference.
bool allowed_url(std::string_view url);

// Resolves a relative reference against an absolute base URL (RFC 3986 section 5.2).
std::string resolve_url(std::string_view base, std::string_view ref);

// A URL fit for an output: control characters removed, percent-encoded to ASCII (what a URI may not hold, a '%'
// without two hex digits, a second '#'), resolved against base when relative and base is an http(s) URL; then
// checked against the policy: empty when it fails (javascript:, vbscript:, data:, file:, ...).
std::string safe_url(std::string_view url, std::string_view base = {});

// A file path made into a relative reference: percent-encoded (with '%', '#' and '?'), and "./" before a first
// segment with a ':' (which would otherwise read as a scheme, RFC 3986 4.2).
std::string local_href(std::string_view path);

// Joins a base URL with a meeting's source path made relative (leading "./" and "/" dropped, encoded).
std::string join_url(std::string_view base, std::string_view path);

// A base URL given by the user, when it is an http(s) URL; else empty, with a warning that names `origin` (the
// option and setting it came from, e.g. "--base-url (base_url in minutes.yaml)").
std::string checked_base(std::string_view base, std::string_view origin, std::vector<ir::Diagnostic>& diagnostics);

}  // namespace minutes::formats
