// The LibreOffice step: a document converted by headless LibreOffice with a private profile and a time limit
// (the PDF/A of a report, the page numbers of a DOCX's contents). Writers never run programs; this library does.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <thread>

#include <minutes/files.hpp>
#include <minutes/report.hpp>

namespace minutes::report {

namespace fs = std::filesystem;

namespace {

// A folder under the temporary folder, removed with everything in it when this goes out of scope.
struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "minutes-office-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
};

// Runs argv with its output to `log`; its exit status, or -1 when it could not start or was killed after `seconds`.
int run(const std::vector<std::string>& argv, const fs::path& log, int seconds, bool& timed_out) {
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::setpgid(0, 0);  // its own process group: a timeout ends LibreOffice's children too
    FILE* out = std::freopen(log.c_str(), "w", stdout);
    if (out) ::dup2(::fileno(stdout), STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      timed_out = true;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The numbers of the page objects of a PDF in page order (the /Kids of its page tree, depth first).
std::vector<long> page_objects(std::string_view pdf) {
  std::map<long, std::string_view> objects;  // number -> its text up to "endobj"
  for (size_t at = pdf.find(" 0 obj"); at != std::string_view::npos; at = pdf.find(" 0 obj", at + 6)) {
    size_t start = at;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(pdf[start - 1]))) --start;
    if (start == at) continue;
    long number = std::strtol(std::string(pdf.substr(start, at - start)).c_str(), nullptr, 10);
    size_t end = pdf.find("endobj", at);
    objects[number] = pdf.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  }
  std::vector<long> pages;
  auto kids = [&](std::string_view body) {
    std::vector<long> out;
    size_t k = body.find("/Kids");
    if (k == std::string_view::npos) return out;
    size_t open = body.find('[', k), close = body.find(']', k);
    if (open == std::string_view::npos || close == std::string_view::npos) return out;
    std::string list(body.substr(open + 1, close - open - 1));
    char* p = list.data();
    while (*p) {
      char* end = nullptr;
      long n = std::strtol(p, &end, 10);
      if (end == p) {
        ++p;
        continue;
      }
      out.push_back(n);
      p = end;
      std::strtol(p, &end, 10);  // the generation
      p = end;
      while (*p == ' ' || *p == '\n' || *p == '\r') ++p;
      if (*p == 'R') ++p;
    }
    return out;
  };
  std::function<void(long, int)> walk = [&](long number, int depth) {
    auto it = objects.find(number);
    if (it == objects.end() || depth > 32) return;
    if (it->second.find("/Type/Pages") != std::string_view::npos ||
        it->second.find("/Type /Pages") != std::string_view::npos) {
      for (long kid : kids(it->second)) walk(kid, depth + 1);
    } else {
      pages.push_back(number);
    }
  };
  for (const auto& [number, body] : objects) {
    bool tree =
        body.find("/Type/Pages") != std::string_view::npos || body.find("/Type /Pages") != std::string_view::npos;
    if (tree && body.find("/Parent") == std::string_view::npos) {
      walk(number, 0);
      break;
    }
  }
  return pages;
}

}  // namespace

std::string office_program() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"soffice", "libreoffice"}) {
    size_t start = 0;
    while (start <= dirs.size()) {
      size_t end = std::min(dirs.find(':', start), dirs.size());
      fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      start = end + 1;
    }
  }
  return {};
}

Converted office_convert(std::string_view bytes, std::string_view from_ext, std::string_view filter,
                         std::string_view to_ext, int seconds) {
  std::string program = office_program();
  if (program.empty())
    return {std::nullopt,
            "LibreOffice is not installed (no soffice or libreoffice on PATH); install it, e.g. "
            "apt-get install libreoffice-writer"};
  TempFolder temp;
  if (temp.path.empty()) return {std::nullopt, "cannot make a temporary folder for LibreOffice"};
  fs::path input = temp.path / fmt::format("input.{}", from_ext);
  if (std::string error = write_atomic(input.string(), bytes); !error.empty()) return {std::nullopt, error};
  bool timed_out = false;
  fs::path log = temp.path / "office.log";
  int status = run({program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                    "-env:UserInstallation=file://" + (temp.path / "profile").string(), "--convert-to",
                    std::string(filter), "--outdir", (temp.path / "out").string(), input.string()},
                   log, seconds, timed_out);
  if (timed_out)
    return {std::nullopt, fmt::format("LibreOffice ({}) took longer than {} s and was stopped", program, seconds)};
  auto converted = read_file((temp.path / "out" / fmt::format("input.{}", to_ext)).string());
  if (status != 0 || !converted.bytes) {
    std::string said = read_file(log.string()).bytes.value_or("");
    if (said.size() > 300) said.resize(300);
    return {std::nullopt, fmt::format("LibreOffice ({}) could not convert the document (exit status {}){}{}", program,
                                      status, said.empty() ? "" : ": ", said)};
  }
  return {std::move(converted.bytes), {}};
}

Converted pdf_from_odt(std::string_view odt, int seconds) {
  // SelectPdfVersion 2: PDF/A-2b (fonts embedded, XMP metadata with the PDF/A identification).
  return office_convert(odt, "odt", R"(pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}})", "pdf",
                        seconds);
}

Pages contents_pages(std::string_view docx, int seconds) {
  // Bookmarks become named destinations: "_TocEntry0001" -> [page object /XYZ ...], in the contents' order.
  Converted pdf = office_convert(
      docx, "docx", R"(pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}})",
      "pdf", seconds);
  if (!pdf.bytes) return {{}, pdf.error};
  std::string_view text = *pdf.bytes;
  std::vector<long> pages = page_objects(text);
  std::map<int, std::string> found;
  for (size_t at = text.find("TocEntry"); at != std::string_view::npos; at = text.find("TocEntry", at + 8)) {
    if (at + 12 > text.size()) break;
    int entry = std::atoi(std::string(text.substr(at + 8, 4)).c_str());
    size_t open = text.find('[', at);
    if (open == std::string_view::npos || open > at + 16) continue;
    long object = std::strtol(std::string(text.substr(open + 1, 12)).c_str(), nullptr, 10);
    auto page = std::find(pages.begin(), pages.end(), object);
    if (page != pages.end() && entry > 0) found[entry] = std::to_string(page - pages.begin() + 1);
  }
  Pages out;
  for (int i = 1; found.count(i); ++i) out.pages.push_back(found[i]);
  if (out.pages.empty()) out.error = "LibreOffice's layout named no page for the contents";
  return out;
}

}  // namespace minutes::report
