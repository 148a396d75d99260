// SPDX-License-Identifier: Apache-2.0
// Version ordering for the language ecosystems OSV ranges use: SemVer 2.0.0 (npm, and OSV's
// SEMVER range type) and PEP 440 (PyPI).
//
// Same contract as version.h: returns <0, 0 or >0 (sign only), a total preorder on ALL byte
// strings (reflexive, antisymmetric in sign, transitive), never throws, O(len(a) + len(b)), safe
// from any thread. Unlike version.h the comparators build small keys (they may allocate).
//
// CompareSemver: SemVer 2.0.0 §11 precedence; build metadata (after '+') is ignored, so
// "1.2.3+a" == "1.2.3+b". Lenient like osv-scalibr: a leading 'v'/'V', missing minor/patch
// ("1.2" == "1.2.0"), numbers of any length (compared as digit strings), a fourth and further
// dot-separated component is build metadata ("1.1.3.4" == "1.1.3"). Anything else after the
// numeric components ("1.0rc1", "abc") is read as a pre-release ("1.0rc1" < "1.0"; "abc" is
// 0.0.0 with pre-release "abc").
//
// ComparePep440: the PEP 440 / `packaging` ordering: epoch, release (trailing zeros ignored),
// pre (a < b < rc, with alpha/beta/c/pre/preview spellings), post (also "-N", "rev", "r"),
// dev, local (numeric segments after alphanumeric ones); case-insensitive, separators '-', '_',
// '.' normalised, leading 'v' and surrounding whitespace ignored. A string that is not PEP 440
// is a "legacy version" ordered as `packaging` < 22 did (setuptools' parse_version key), and
// every legacy version sorts before every valid one.
#pragma once

#include <string_view>

namespace drydock::vuln {

int CompareSemver(std::string_view a, std::string_view b);
int ComparePep440(std::string_view a, std::string_view b);

// True when `v` is a valid PEP 440 version (ComparePep440 does not read it as
// legacy).
bool IsValidPep440(std::string_view v);

}  // namespace drydock::vuln
