// SPDX-License-Identifier: Apache-2.0
#include "rules/detail/eol.h"

#include "rules/detail/build_util.h"

namespace drydock::rules::detail {
namespace {

// Rows with a `name_contains` come before the plain row of the same id and version.
constexpr EolRow kEol[] = {
    // Debian: wiki.debian.org/DebianReleases and wiki.debian.org/LTS. The date is the end of LTS
    // (all free security support); the end of regular security support is in the note.
    {"debian", "7", "2018-05-31", "Debian 7 wheezy: security 2016-04-25, LTS until 2018-05-31"},
    {"debian", "8", "2020-06-30", "Debian 8 jessie: security 2018-06-17, LTS until 2020-06-30"},
    {"debian", "9", "2022-06-30", "Debian 9 stretch: security 2020-07-06, LTS until 2022-06-30"},
    {"debian", "10", "2024-06-30", "Debian 10 buster: security 2022-09-10, LTS until 2024-06-30"},
    {"debian", "11", "2026-08-31", "Debian 11 bullseye: security 2024-08-14, LTS until 2026-08-31"},
    {"debian", "12", "2028-06-30", "Debian 12 bookworm: security 2026-06-10, LTS until 2028-06-30"},
    {"debian", "13", "2030-06-30", "Debian 13 trixie: LTS until 2030-06-30"},
    // Ubuntu: ubuntu.com/about/release-cycle and wiki.ubuntu.com/Releases. End of standard support;
    // Expanded Security Maintenance (Ubuntu Pro) is not counted. Month-only dates are written as
    // the month's last day.
    {"ubuntu", "14.04", "2019-04-30", "Ubuntu 14.04 LTS: standard support ended April 2019"},
    {"ubuntu", "16.04", "2021-04-30", "Ubuntu 16.04 LTS: standard support ended April 2021"},
    {"ubuntu", "16.10", "2017-07-20", "Ubuntu 16.10: end of life 2017-07-20"},
    {"ubuntu", "17.04", "2018-01-13", "Ubuntu 17.04: end of life 2018-01-13"},
    {"ubuntu", "17.10", "2018-07-19", "Ubuntu 17.10: end of life 2018-07-19"},
    {"ubuntu", "18.04", "2023-05-31", "Ubuntu 18.04 LTS: standard support ended 2023-05-31"},
    {"ubuntu", "18.10", "2019-07-18", "Ubuntu 18.10: end of life 2019-07-18"},
    {"ubuntu", "19.04", "2020-01-23", "Ubuntu 19.04: end of life 2020-01-23"},
    {"ubuntu", "19.10", "2020-07-17", "Ubuntu 19.10: end of life 2020-07-17"},
    {"ubuntu", "20.04", "2025-05-31", "Ubuntu 20.04 LTS: standard support ended May 2025"},
    {"ubuntu", "20.10", "2021-07-22", "Ubuntu 20.10: end of life 2021-07-22"},
    {"ubuntu", "21.04", "2022-01-20", "Ubuntu 21.04: end of life 2022-01-20"},
    {"ubuntu", "21.10", "2022-07-14", "Ubuntu 21.10: end of life 2022-07-14"},
    {"ubuntu", "22.04", "2027-04-30", "Ubuntu 22.04 LTS: standard support until April 2027"},
    {"ubuntu", "22.10", "2023-07-20", "Ubuntu 22.10: end of life 2023-07-20"},
    {"ubuntu", "23.04", "2024-01-25", "Ubuntu 23.04: end of life 2024-01-25"},
    {"ubuntu", "23.10", "2024-07-11", "Ubuntu 23.10: end of life 2024-07-11"},
    {"ubuntu", "24.04", "2029-04-30", "Ubuntu 24.04 LTS: standard support until April 2029"},
    {"ubuntu", "24.10", "2025-07-10", "Ubuntu 24.10: end of life 2025-07-10"},
    {"ubuntu", "25.04", "2026-01-31", "Ubuntu 25.04: end of life January 2026"},
    // Alpine: alpinelinux.org/releases (end of support of each stable branch).
    {"alpine", "3.0", "2016-05-01", "Alpine 3.0: branch end of support 2016-05-01"},
    {"alpine", "3.1", "2016-11-01", "Alpine 3.1: branch end of support 2016-11-01"},
    {"alpine", "3.2", "2017-05-01", "Alpine 3.2: branch end of support 2017-05-01"},
    {"alpine", "3.3", "2017-11-01", "Alpine 3.3: branch end of support 2017-11-01"},
    {"alpine", "3.4", "2018-05-01", "Alpine 3.4: branch end of support 2018-05-01"},
    {"alpine", "3.5", "2018-11-01", "Alpine 3.5: branch end of support 2018-11-01"},
    {"alpine", "3.6", "2019-05-01", "Alpine 3.6: branch end of support 2019-05-01"},
    {"alpine", "3.7", "2019-11-01", "Alpine 3.7: branch end of support 2019-11-01"},
    {"alpine", "3.8", "2020-05-01", "Alpine 3.8: branch end of support 2020-05-01"},
    {"alpine", "3.9", "2020-11-01", "Alpine 3.9: branch end of support 2020-11-01"},
    {"alpine", "3.10", "2021-05-01", "Alpine 3.10: branch end of support 2021-05-01"},
    {"alpine", "3.11", "2021-11-01", "Alpine 3.11: branch end of support 2021-11-01"},
    {"alpine", "3.12", "2022-05-01", "Alpine 3.12: branch end of support 2022-05-01"},
    {"alpine", "3.13", "2022-11-01", "Alpine 3.13: branch end of support 2022-11-01"},
    {"alpine", "3.14", "2023-05-01", "Alpine 3.14: branch end of support 2023-05-01"},
    {"alpine", "3.15", "2023-11-01", "Alpine 3.15: branch end of support 2023-11-01"},
    {"alpine", "3.16", "2024-05-23", "Alpine 3.16: branch end of support 2024-05-23"},
    {"alpine", "3.17", "2024-11-22", "Alpine 3.17: branch end of support 2024-11-22"},
    {"alpine", "3.18", "2025-05-09", "Alpine 3.18: branch end of support 2025-05-09"},
    {"alpine", "3.19", "2025-11-01", "Alpine 3.19: branch end of support 2025-11-01"},
    {"alpine", "3.20", "2026-04-01", "Alpine 3.20: branch end of support 2026-04-01"},
    {"alpine", "3.21", "2026-11-01", "Alpine 3.21: branch end of support 2026-11-01"},
    {"alpine", "3.22", "2027-05-01", "Alpine 3.22: branch end of support 2027-05-01"},
    // CentOS: centos.org (CentOS Linux and CentOS Stream end-of-life announcements).
    {"centos", "6", "2020-11-30", "CentOS 6: end of life 2020-11-30"},
    {"centos", "7", "2024-06-30", "CentOS 7: end of life 2024-06-30"},
    {"centos", "8", "2024-05-31", "CentOS Stream 8: end of builds 2024-05-31", "Stream"},
    {"centos", "8", "2021-12-31", "CentOS Linux 8: end of life 2021-12-31"},
    {"centos", "9", "2027-05-31", "CentOS Stream 9: end of builds expected 2027-05-31", "Stream"},
    // RHEL: access.redhat.com/support/policy/updates/errata (end of maintenance support). Rocky and
    // AlmaLinux: rockylinux.org and wiki.almalinux.org release pages.
    {"rhel", "6", "2020-11-30", "RHEL 6: maintenance support ended 2020-11-30"},
    {"rhel", "7", "2024-06-30", "RHEL 7: maintenance support ended 2024-06-30"},
    {"rhel", "8", "2029-05-31", "RHEL 8: maintenance support until 2029-05-31"},
    {"rhel", "9", "2032-05-31", "RHEL 9: maintenance support until 2032-05-31"},
    {"rocky", "8", "2029-05-31", "Rocky Linux 8: security support until 2029-05-31"},
    {"rocky", "9", "2032-05-31", "Rocky Linux 9: security support until 2032-05-31"},
    {"almalinux", "8", "2029-03-01", "AlmaLinux 8: security support until 2029-03-01"},
    {"almalinux", "9", "2032-05-31", "AlmaLinux 9: security support until 2032-05-31"},
    // Fedora: docs.fedoraproject.org/en-US/releases/eol/.
    {"fedora", "25", "2017-12-12", "Fedora 25: end of life 2017-12-12"},
    {"fedora", "26", "2018-05-29", "Fedora 26: end of life 2018-05-29"},
    {"fedora", "27", "2018-11-30", "Fedora 27: end of life 2018-11-30"},
    {"fedora", "28", "2019-05-28", "Fedora 28: end of life 2019-05-28"},
    {"fedora", "29", "2019-11-26", "Fedora 29: end of life 2019-11-26"},
    {"fedora", "30", "2020-05-26", "Fedora 30: end of life 2020-05-26"},
    {"fedora", "31", "2020-11-24", "Fedora 31: end of life 2020-11-24"},
    {"fedora", "32", "2021-05-25", "Fedora 32: end of life 2021-05-25"},
    {"fedora", "33", "2021-11-30", "Fedora 33: end of life 2021-11-30"},
    {"fedora", "34", "2022-06-07", "Fedora 34: end of life 2022-06-07"},
    {"fedora", "35", "2022-12-13", "Fedora 35: end of life 2022-12-13"},
    {"fedora", "36", "2023-05-16", "Fedora 36: end of life 2023-05-16"},
    {"fedora", "37", "2023-12-05", "Fedora 37: end of life 2023-12-05"},
    {"fedora", "38", "2024-05-21", "Fedora 38: end of life 2024-05-21"},
    {"fedora", "39", "2024-11-26", "Fedora 39: end of life 2024-11-26"},
    {"fedora", "40", "2025-05-13", "Fedora 40: end of life 2025-05-13"},
    {"fedora", "41", "2025-12-15", "Fedora 41: end of life 2025-12-15"},
    // Amazon Linux: aws.amazon.com/linux/amazon-linux-2023/faqs and the AL1/AL2 FAQ pages.
    {"amzn", "2018.03", "2023-12-31", "Amazon Linux AMI 2018.03: maintenance ended 2023-12-31"},
    {"amzn", "2", "2026-06-30", "Amazon Linux 2: end of support 2026-06-30"},
    {"amzn", "2023", "2029-06-30", "Amazon Linux 2023: end of support 2029-06-30"},
    // openSUSE Leap: en.opensuse.org/Lifetime.
    {"opensuse-leap", "15.0", "2019-12-03", "openSUSE Leap 15.0: end of life 2019-12-03"},
    {"opensuse-leap", "15.1", "2021-01-31", "openSUSE Leap 15.1: end of life 2021-01-31"},
    {"opensuse-leap", "15.2", "2021-12-31", "openSUSE Leap 15.2: end of life 2021-12-31"},
    {"opensuse-leap", "15.3", "2022-12-31", "openSUSE Leap 15.3: end of life 2022-12-31"},
    {"opensuse-leap", "15.4", "2023-12-07", "openSUSE Leap 15.4: end of life 2023-12-07"},
    {"opensuse-leap", "15.5", "2024-12-31", "openSUSE Leap 15.5: end of life 2024-12-31"},
};

bool VersionMatches(std::string_view version_id, std::string_view row) {
  if (!StartsWith(version_id, row)) return false;
  return version_id.size() == row.size() || version_id[row.size()] == '.';
}

}  // namespace

const EolRow* FindEol(const model::OsRelease& os) {
  if (os.id.empty() || os.version_id.empty()) return nullptr;
  for (const auto& row : kEol) {
    if (row.id != os.id || !VersionMatches(os.version_id, row.version)) continue;
    if (!row.name_contains.empty() && !Contains(os.name, row.name_contains) &&
        !Contains(os.pretty_name, row.name_contains)) {
      continue;
    }
    return &row;
  }
  return nullptr;
}

}  // namespace drydock::rules::detail
