// SPDX-License-Identifier: Apache-2.0
// Package version ordering for the three OS package ecosystems drydock matches advisories
// against: dpkg (Debian, Ubuntu), apk (Alpine, Wolfi) and rpm (RHEL family, Fedora, SUSE,
// Amazon Linux). FORMATS.md §7 is the specification; each comparator reproduces its tool
// (dpkg's verrevcmp, apk-tools' version.c tokens, rpm's rpmvercmp/EVR) on valid input.
//
// Contract shared by every Compare*: returns <0, 0 or >0 (sign only is meaningful), is a total
// preorder on ALL byte strings (reflexive, antisymmetric in sign, transitive), including
// strings the tool would reject, never allocates, never throws, runs in O(len(a) + len(b)),
// and is safe to call from any thread. "0" means "same version", not "same bytes"
// (dpkg: 1.01 == 1.1, rpm: 2.0 == 2_0, apk: 1-r1 == 1-r01).
//
// How input the tool would reject is ordered (so that the order stays total):
//  - dpkg: the string is split leniently (epoch = all-digit prefix before the first ':', else
//    no epoch; revision after the last '-') and compared with the same rules. dpkg itself warns
//    (upstream not starting with a digit, bad characters) and compares the same way; for what
//    it rejects outright (empty or non-numeric epoch, empty upstream/revision, spaces) we keep
//    going where dpkg errors out. IsValidDpkgVersion says which is which.
//  - apk: tokens are read until the first one that breaks the grammar; from there the string
//    is "invalid", which sorts after a pre-release suffix and before everything else at that
//    position (as apk-tools 3 does). Two strings that turn invalid at the same token with equal
//    tokens before it are equal, again as apk-tools does. A missing number (".1", "1..2", "a")
//    is read as an empty number, as apk-tools does, sorting below every other number; such
//    strings compare but are not IsValidApkVersion. Digits right after the letter ("6.6.2p1",
//    old OpenSSH packages) form one more numeric token, as apk-tools 2 reads them.
//  - rpm: rpmvercmp itself is total. For EVRs, rpm treats a missing release as a wildcard
//    ("1.0" matches "1.0-5"), which is not an order; we sort a missing release before any
//    present one (even an empty one after a trailing '-'), like osv-scanner's fixtures expect.
#pragma once

#include <string_view>

namespace drydock::vuln {

// The orderings: the OS package managers', then PEP 440 (PyPI) and SemVer (npm), version_lang.h.
enum class Ecosystem { kDpkg, kApk, kRpm, kPep440, kSemver };

// dpkg --compare-versions: [epoch:]upstream[-revision].
int CompareDpkg(std::string_view a, std::string_view b);

// apk version comparison, grammar N{.N}[a-z]{_suf[N]}[~hex][-rN].
int CompareApk(std::string_view a, std::string_view b);

// rpm EVR comparison: [epoch:]version[-release], epoch = digits (missing = 0).
int CompareRpm(std::string_view a, std::string_view b);

// rpm's rpmvercmp for one segment (a version or a release on its own).
int RpmVerCmp(std::string_view a, std::string_view b);

// True when apk-tools accepts the whole string (no invalid token).
bool IsValidApkVersion(std::string_view v);

// True when dpkg parses `v` without error or warning: optional epoch of digits (fitting an
// int), non-empty upstream starting with a digit and made of [A-Za-z0-9.+~:-] (':' only with
// an epoch, '-' only with a revision), non-empty revision of [A-Za-z0-9.+~]. No whitespace.
bool IsValidDpkgVersion(std::string_view v);

// Dispatch on the ecosystem.
int Compare(Ecosystem eco, std::string_view a, std::string_view b);

}  // namespace drydock::vuln
