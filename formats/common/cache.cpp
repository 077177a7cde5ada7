// minutes::Cache: created empty by the caller, holding what writers make once (see cache.hpp).
#include "formats/common/cache.hpp"

namespace minutes {

Cache::Cache() : impl_(std::make_unique<Impl>()) {}
Cache::~Cache() = default;

}  // namespace minutes
