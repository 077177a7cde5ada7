// What a Cache holds, for the writers: values made once per key and shared (read only) between reports.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <minutes/resources.hpp>

namespace minutes {

// The inside of minutes::Cache: values of any type by key ("odt.styles|en|a4|ref-hash", say).
struct Cache::Impl {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const void>> values;
};

namespace formats {

// The value for key in the caller's cache, made by make() the first time; without a cache, made every time.
// Two threads asking for a new key at once may both make it; the values are equal, one is kept.
template <class T, class Make>
std::shared_ptr<const T> cached(Cache* cache, const std::string& key, Make&& make) {
  if (!cache) return std::make_shared<const T>(make());
  auto& impl = cache->impl();
  {
    std::lock_guard lock(impl.mutex);
    if (auto it = impl.values.find(key); it != impl.values.end()) return std::static_pointer_cast<const T>(it->second);
  }
  auto value = std::make_shared<const T>(make());
  std::lock_guard lock(impl.mutex);
  auto [it, inserted] = impl.values.emplace(key, value);
  return std::static_pointer_cast<const T>(it->second);
}

}  // namespace formats
}  // namespace minutes
