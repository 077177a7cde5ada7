// A small thread-safe memo for parts a writer would otherwise rebuild for every report of a build.
#pragma once

#include <map>
#include <memory>
#include <mutex>

namespace minutes::formats {

// Keeps make(key)'s value per key for the rest of the process; at most `limit` keys (then it starts over).
// Two threads asking for a new key at once may both make it; the values are equal, one is kept.
template <class Key, class Value>
class Memo {
 public:
  explicit Memo(size_t limit = 16) : limit_(limit) {}

  template <class Make>
  std::shared_ptr<const Value> get(const Key& key, Make&& make) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = values_.find(key); it != values_.end()) return it->second;
    }
    auto value = std::make_shared<const Value>(make());
    std::lock_guard lock(mutex_);
    if (values_.size() >= limit_) values_.clear();
    values_.emplace(key, value);
    return value;
  }

 private:
  size_t limit_;
  std::mutex mutex_;
  std::map<Key, std::shared_ptr<const Value>> values_;
};

}  // namespace minutes::formats
