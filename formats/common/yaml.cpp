// Reads YAML within limits: one pass over yaml-cpp's events counts depth, nodes and aliases (each alias counted
// as the size of what it refers to) before the document is built, so nested aliases cannot explode.
#include "formats/common/yaml.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>
#include <unordered_map>
#include <vector>

namespace minutes::formats::yaml {

namespace {

// Thrown out of the parser when a limit is passed.
struct Exceeded {
  std::string why;
  int line;
};

// The size of a node with everything under it, aliases expanded.
struct Size {
  size_t nodes = 0;
  size_t bytes = 0;
};

class Counter : public YAML::EventHandler {
 public:
  explicit Counter(const Limits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, {1, 0}); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (++aliases_ > limits_.aliases)
      throw Exceeded{"YAML with more than " + std::to_string(limits_.aliases) + " aliases", mark.line + 1};
    for (const auto& o : open_)
      if (o.anchor == anchor && anchor != YAML::NullAnchor)
        throw Exceeded{"YAML with an alias inside the node it refers to (a cycle)", mark.line + 1};
    auto it = anchors_.find(anchor);
    leaf(mark, YAML::NullAnchor, it == anchors_.end() ? Size{1, 0} : it->second);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    leaf(mark, anchor, {1, value.size()});
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    Size size;
  };

  const Limits& limits_;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, Size> anchors_;
  Size total_;
  size_t aliases_ = 0;

  // Counts a finished node into the totals and its parent's size; remembers the size of an anchored one.
  void add(const YAML::Mark& mark, Size s) {
    total_.nodes += s.nodes;
    total_.bytes += s.bytes;
    if (total_.nodes > limits_.nodes)
      throw Exceeded{"YAML that expands to more than " + std::to_string(limits_.nodes) + " nodes", mark.line + 1};
    if (total_.bytes > limits_.bytes)
      throw Exceeded{"YAML that expands to more than " + std::to_string(limits_.bytes) + " bytes", mark.line + 1};
  }

  void finished(YAML::anchor_t anchor, Size s) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = s;
    if (!open_.empty()) {
      open_.back().size.nodes += s.nodes;
      open_.back().size.bytes += s.bytes;
    }
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, Size s) {
    add(mark, s);
    finished(anchor, s);
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(open_.size()) >= limits_.depth)
      throw Exceeded{"YAML nested deeper than " + std::to_string(limits_.depth) + " levels", mark.line + 1};
    add(mark, {1, 0});
    open_.push_back({anchor, {1, 0}});
  }

  void close() {
    if (open_.empty()) return;
    Open o = open_.back();
    open_.pop_back();
    finished(o.anchor, o.size);
  }
};

}  // namespace

Loaded load(std::string_view text, const Limits& limits) {
  Loaded out;
  try {
    std::string yaml(text);
    {
      std::istringstream in(yaml);
      YAML::Parser parser(in);
      Counter counter(limits);
      parser.HandleNextDocument(counter);
    }
    out.root = YAML::Load(yaml);
  } catch (const Exceeded& e) {
    out.error = e.why;
    out.line = e.line;
  } catch (const YAML::Exception& e) {
    out.error = "not valid YAML (" + e.msg + ")";
    out.line = e.mark.is_null() ? 0 : e.mark.line + 1;
  } catch (const std::exception& e) { out.error = std::string("YAML that could not be read (") + e.what() + ")"; }
  if (!out.error.empty()) out.root = YAML::Node();
  return out;
}

}  // namespace minutes::formats::yaml
