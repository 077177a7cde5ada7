// Parses YAML within limits: a first pass over yaml-cpp's events counts depth, aliases and expanded nodes.
#include "converters/library/bounded_yaml.hpp"

#include <yaml-cpp/eventhandler.h>

#include <cstdint>
#include <fmt/format.h>
#include <map>
#include <sstream>
#include <vector>

namespace minutes::library {

namespace {

// Counts what a document would be with its aliases expanded, without expanding them.
class Measure final : public YAML::EventHandler {
 public:
  explicit Measure(const YamlLimits& limits) : limits_(limits) {}

  // Why the document is over a limit (empty when it is not), and the line where it went over.
  std::string problem;
  int line = 0;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 1); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(mark, anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (++aliases_ > limits_.max_aliases) over(mark, fmt::format("more than {} aliases", limits_.max_aliases));
    auto it = sizes_.find(anchor);
    leaf(mark, 0, it != sizes_.end() ? it->second : 1);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // A collection not yet closed: its anchor and the count of nodes before it.
  struct Open {
    YAML::anchor_t anchor;
    std::size_t before;
  };

  void over(const YAML::Mark& mark, std::string why) {
    if (!problem.empty()) return;
    problem = std::move(why);
    line = mark.line >= 0 ? mark.line + 1 : 0;
  }

  // Counts n more nodes (an alias counts what it stands for); the total of every node so far, expanded.
  void count(const YAML::Mark& mark, std::size_t n) {
    total_ = total_ > SIZE_MAX - n ? SIZE_MAX : total_ + n;
    if (total_ > limits_.max_nodes) over(mark, fmt::format("more than {} nodes (aliases expanded)", limits_.max_nodes));
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t n) {
    count(mark, n);
    if (anchor) sizes_[anchor] = n;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    stack_.push_back({anchor, total_});
    count(mark, 1);
    if (stack_.size() > limits_.max_depth) over(mark, fmt::format("nested deeper than {} levels", limits_.max_depth));
  }

  void close() {
    if (stack_.empty()) return;
    Open o = stack_.back();
    stack_.pop_back();
    if (o.anchor) sizes_[o.anchor] = total_ - o.before;  // everything counted since it opened
  }

  const YamlLimits& limits_;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, std::size_t> sizes_;
  std::size_t total_ = 0, aliases_ = 0;
};

int line_of(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 1 : 0; }

}  // namespace

YamlParsed parse_bounded_yaml(std::string_view text, const YamlLimits& limits) {
  YamlParsed out;
  if (text.size() > limits.max_bytes) {
    out.error = fmt::format("larger than {} bytes", limits.max_bytes);
    return out;
  }
  // yaml-cpp reports every problem by throwing; this is the one place that catches it.
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    Measure measure(limits);
    parser.HandleNextDocument(measure);
    if (!measure.problem.empty()) {
      out.error = measure.problem;
      out.line = measure.line;
      return out;
    }
    out.root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    out.root = YAML::Node();
    out.error = e.msg;
    out.line = line_of(e.mark);
  } catch (const std::exception& e) {
    out.root = YAML::Node();
    out.error = e.what();
  }
  return out;
}

}  // namespace minutes::library
