// What a Cache holds, for the writers: values made once per key and shared (read only) between reports.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <minutes/resources.hpp>

namespace minutes {

// The inside of minutes::Cache: values of any type by key ("odt.styles|en|a4|ref.odt", say).
struct Cache::Impl {
  // One value, made once even when several threads ask for it at the same time.
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const void> value;
  };
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Slot>> slots;
};

namespace formats {

// The value for key in the caller's cache, made by make() the first time (other threads asking meanwhile wait for
// it); without a cache, made every time.
template <class T, class Make>
std::shared_ptr<const T> cached(Cache* cache, const std::string& key, Make&& make) {
  if (!cache) return std::make_shared<const T>(make());
  auto& impl = cache->impl();
  std::shared_ptr<Cache::Impl::Slot> slot;
  {
    std::lock_guard lock(impl.mutex);
    auto& s = impl.slots[key];
    if (!s) s = std::make_shared<Cache::Impl::Slot>();
    slot = s;
  }
  std::call_once(slot->once, [&] { slot->value = std::make_shared<const T>(make()); });
  return std::static_pointer_cast<const T>(slot->value);
}

}  // namespace formats
}  // namespace minutes
