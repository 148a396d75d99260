// SPDX-License-Identifier: Apache-2.0
// DD_UNDER_ASAN: 1 when the test is built with AddressSanitizer (GCC's __SANITIZE_ADDRESS__ or
// clang's __has_feature(address_sanitizer)), 0 otherwise. Memory-bound tests skip their RSS
// limit under ASan: its shadow memory and quarantine make the figure meaningless.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define DD_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DD_UNDER_ASAN 1
#endif
#endif
#ifndef DD_UNDER_ASAN
#define DD_UNDER_ASAN 0
#endif
