// SPDX-License-Identifier: Apache-2.0
#include "audit/image.h"

#include <utility>

#include "packages/lang.h"
#include "packages/os_release.h"
#include "secrets/credential_files.h"
#include "secrets/detector.h"

namespace drydock::audit {
namespace {

using sources::image::KeepAs;

class Scanners final : public sources::image::FileObserver {
 public:
  KeepAs Classify(std::string_view path) const override {
    switch (packages::ClassifyLangFile(path)) {
      case packages::LangFile::kPythonMetadata:
        return KeepAs::kHeaders;
      case packages::LangFile::kNpmManifest:
        return KeepAs::kWhole;
      case packages::LangFile::kNone:
        break;
    }
    // Credential stores judged by their content (DD608), outside vendored package trees.
    const auto credential = secrets::ClassifyCredentialFile(path);
    if (credential && credential->check == secrets::CredentialCheck::kContent &&
        !secrets::IsVendoredPath(path)) {
      return KeepAs::kCredential;
    }
    return KeepAs::kNone;
  }

  void ScanSecrets(std::string_view path, std::string_view content,
                   std::vector<sources::image::SecretHit>& out) const override {
    for (const auto& hit : secrets::ScanFile(path, content)) {
      const secrets::DetectorRule& rule = *hit.match.rule;
      out.push_back({rule.id, rule.title, rule.severity, hit.line, hit.column,
                     secrets::Mask(hit.match.value)});
    }
  }

  model::OsRelease ParseOsRelease(std::string_view content) const override {
    const packages::OsRelease os = packages::ParseOsRelease(content);
    model::OsRelease out;
    out.id = os.id;
    std::size_t start = 0;
    while (start < os.id_like.size()) {
      std::size_t end = os.id_like.find(' ', start);
      if (end == std::string::npos) end = os.id_like.size();
      if (end > start) out.id_like.push_back(os.id_like.substr(start, end - start));
      start = end + 1;
    }
    auto field = [&](const char* key) {
      auto it = os.fields.find(key);
      return it != os.fields.end() ? it->second : std::string();
    };
    out.name = field("NAME");
    out.version = field("VERSION");
    out.version_id = os.version_id;
    out.version_codename = os.version_codename;
    out.pretty_name = os.pretty_name;
    return out;
  }
};

}  // namespace

sources::image::ReadOptions ScannedReadOptions(sources::image::ReadOptions options) {
  static const Scanners scanners;
  options.observer = &scanners;
  return options;
}

core::Result<ImageInventory> ReadImageInventory(const std::string& path,
                                                const std::string& platform) {
  sources::image::ReadOptions options = ScannedReadOptions();
  options.platform = platform;
  options.scan_secrets = false;  // an inventory lists packages only
  ImageInventory out{DD_TRY(sources::image::ReadImage(path, options)), {}};
  out.inventory = packages::ReadInventory(out.image);
  return out;
}

}  // namespace drydock::audit
