// Whether a test binary may replace operator new to count allocations (complexity guards by allocated bytes).
#pragma once

// AddressSanitizer brings its own operator new and pairs each free() with the allocator that made it, so a
// replacement is left out of the sanitizer build: there memory is checked, here allocations are counted.
#if defined(__SANITIZE_ADDRESS__)
#define MINUTES_COUNTS_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MINUTES_COUNTS_ALLOCATIONS 0
#endif
#endif
#ifndef MINUTES_COUNTS_ALLOCATIONS
#define MINUTES_COUNTS_ALLOCATIONS 1
#endif
