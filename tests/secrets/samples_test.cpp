// SPDX-License-Identifier: Apache-2.0
// What is not a finding (issue 14): published samples (samples.h's table), values that say they
// are fixtures, named hex digests, and secret scanners' own files (artefacts.h). Each suppression
// comes with a pair: the silent case and a near case that still fires. Test secrets are assembled
// at run time so the repository does not carry scanner-triggering literals.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/strings.h"
#include "secrets/artefacts.h"
#include "secrets/detector.h"
#include "secrets/samples.h"

namespace drydock::secrets {
namespace {

// Splits in the source keep the values from being scannable literals here.
std::string Cat(std::initializer_list<std::string_view> parts) { return core::Concat(parts); }

// Random keys of our own (AKIA + 16 of [A-Z2-7]; 40 of base64).
const std::string kKey = Cat({"AKIA", "TR5FKWFKL3L6SIDE"});
const std::string kKey2 = Cat({"AKIA", "CLTMOE7W7ZXWYF2N"});
const std::string kSecret = Cat({"0KFCVvJPacNxTV8JVNZH", "DbOkrY5onhtHgc1X/LJ8"});
const std::string kSha1 = "47df22cbe0ce561798a28d7904ca582cd0bff26a";
const std::string kSha256 = "efbcd5e9a6132120beecdae929af7746e12ff631c3af01d4ba04a10d6a4375de";

std::vector<std::string> Ids(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& m : Scan(text)) out.emplace_back(m.rule->id);
  return out;
}

void ExpectFires(const std::string& text, std::string_view rule) {
  const auto ids = Ids(text);
  ASSERT_EQ(ids.size(), 1u) << text;
  EXPECT_EQ(ids[0], rule) << text;
}

void ExpectSilent(const std::string& text) {
  const auto ids = Ids(text);
  EXPECT_TRUE(ids.empty()) << text << " -> " << (ids.empty() ? "" : ids[0]);
}

std::size_t FileHits(std::string_view path, const std::string& content) {
  return ScanFile(path, content).size();
}

// ---- published samples ----------------------------------------------------------------------

TEST(KnownSamples, TableRowsAreWellFormed) {
  for (const auto& s : kKnownSamples) {
    const std::string v = ExampleText(s.value);
    EXPECT_TRUE(IsKnownSample(v)) << s.what;
    EXPECT_FALSE(IsKnownSample(v.substr(1))) << s.what;
    EXPECT_FALSE(IsKnownSample(v + "x")) << s.what;
    EXPECT_FALSE(s.what.empty());
    EXPECT_TRUE(s.source.find("https://") != std::string_view::npos) << s.what;
  }
  EXPECT_FALSE(IsKnownSample(kKey));
  EXPECT_FALSE(IsKnownSample(""));
}

TEST(KnownSamples, AwsDocumentationKeys) {
  ExpectSilent(Cat({"AWS_ACCESS_KEY_ID=AKIA", "IOSFODNN7EXAMPLE\n"}));
  ExpectSilent(Cat({"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY", "EXAMPLEKEY\n"}));
  ExpectSilent(Cat({"aws_access_key_id=AKIA", "I44QH8DHBEXAMPLE\n"}));
  ExpectFires("AWS_ACCESS_KEY_ID=" + kKey + "\n", "aws-access-key-id");
  ExpectFires("aws_secret_access_key = " + kSecret + "\n", "aws-secret-access-key");
}

TEST(KnownSamples, JwtIoAndRfcTokens) {
  const std::string jwtio = ExampleText(kKnownSamples[5].value);
  ASSERT_TRUE(jwtio.starts_with("eyJ"));
  ExpectSilent("jwt: " + jwtio + "\n");
  ExpectSilent("Authorization: Bearer " + jwtio + "\n");
  ExpectSilent("jwt: " + ExampleText(kKnownSamples[6].value) + "\n");
  ExpectSilent("id_token = " + ExampleText(kKnownSamples[7].value) + "\n");
  // Same header and claims, another signature: somebody's real token.
  std::string other =
      jwtio.substr(0, jwtio.rfind('.') + 1) + "unWe8Cz6SNDCdyZQJiJSZQdoHwHen3SO3oXyGf3";
  ExpectFires("jwt: " + other + "\n", "jwt");
}

TEST(KnownSamples, EmulatorKeys) {
  const std::string azurite = ExampleText(kKnownSamples[8].value);
  ExpectSilent("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + azurite +
               ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");
  const std::string cosmos = ExampleText(kKnownSamples[9].value);
  ExpectSilent("AccountEndpoint=https://localhost:8081/;AccountKey=" + cosmos + ";");
  ExpectFires(
      "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=MZaMKA3P744B8vkKQlENCzsdfF8j61yX/"
      "ZFsan2Cw7gFp6r7O425u85HFJ+EJ4jKEIQOkrtDXtBi10Q71hA1Xc==;",
      "azure-storage-key");
}

TEST(KnownSamples, StripeSampleKeys) {
  ExpectSilent(Cat({"api_key = \"sk_", "test_BQokikJOvBiI2HlWgH4olfQ2\"\n"}));
  ExpectSilent(Cat({"api_key = \"sk_", "test_4eC39HqLyjWDarjtT1zdp7dc\"\n"}));
  ExpectFires(Cat({"api_key = \"sk_", "test_Vx9dQ2mLr7TpQzK4eC39Hq\"\n"}),
              "stripe-test-secret-key");
}

// ---- values that say they are fixtures ------------------------------------------------------

TEST(FixtureMarkers, WordsInTheValue) {
  for (std::string_view v : {"Fake_Pa55word9", "myDUMMYpass1", "pw-example-42", "Sample123pass",
                             "placeholder9x", "REDACTED1234"}) {
    EXPECT_TRUE(SaysItIsFake(v)) << v;
    ExpectSilent(Cat({"db:\n  password: \"", v, "\"\n"}));
  }
  ExpectFires("db:\n  password: \"Vx9dQ2mLr7Tp\"\n", "generic-secret-assignment");
  // In a key's own alphabet too.
  ExpectSilent(Cat({"AWS_ACCESS_KEY_ID=AKIA", "FAKE7Q2ZXWYF2NTR\n"}));
  ExpectFires("AWS_ACCESS_KEY_ID=" + kKey2 + "\n", "aws-access-key-id");
  // The file name or the variable name saying "example" is not the value saying it.
  ExpectFires("EXAMPLE_PASSWORD=Vx9dQ2mLr7Tp\n", "generic-secret-assignment");
}

TEST(FixtureMarkers, PemBlocksLookOnlyAtTheirHeader) {
  const std::string body =
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nFaKeXampleDummyW9zcGVu\n";
  ExpectFires("-----BEGIN RSA PRIVATE KEY-----\n" + body + "-----END RSA PRIVATE KEY-----\n",
              "private-key");
  ExpectSilent("-----BEGIN EXAMPLE RSA PRIVATE KEY-----\n" + body +
               "-----END EXAMPLE RSA PRIVATE KEY-----\n");
  EXPECT_FALSE(SaysItIsFake("-----BEGIN RSA PRIVATE KEY-----\n" + body));
}

// ---- named hex digests ----------------------------------------------------------------------

TEST(NamedHashes, DetectSecretsBaselineLine) {
  ExpectSilent("        \"hashed_secret\": \"" + kSha1 + "\",\n");
  ExpectFires("        \"secret\": \"" + kSha1 + "\",\n", "generic-secret-assignment");
  // In a diff of a baseline, as in detect-secrets' own test data.
  ExpectSilent("+        \"hashed_secret\": \"" + kSha1 + "\",\n");
}

TEST(NamedHashes, NamesAndLengths) {
  ExpectSilent("api_token_sha256: " + kSha256 + "\n");
  ExpectSilent("TOKEN_CHECKSUM=" + kSha256 + "\n");
  ExpectSilent("secretDigest = '" + kSha256 + "'\n");
  ExpectSilent("password_md5 = " + kSha256.substr(0, 32) + "\n");
  ExpectFires("api_token: " + kSha256 + "\n", "generic-secret-assignment");
  // A hash name protects only a digest: not another length, not a non-hex value.
  ExpectFires("sha1_token = " + kSha1 + "a\n", "generic-secret-assignment");
  ExpectFires("hashed_secret: Vx9dQ2mLr7TpQzK4\n", "generic-secret-assignment");
  // `hashicorp` is no hash token; an earlier key of the line does not count.
  ExpectFires("HASHICORP_TOKEN=" + kSha1 + "\n", "generic-secret-assignment");
  ExpectFires("{\"sha256\": \"x\", \"token\": \"" + kSha1 + "\"}\n", "generic-secret-assignment");
}

TEST(NamedHashes, Helpers) {
  EXPECT_TRUE(IsNamedHash(kSha1, "  \"hashed_secret\": \""));
  EXPECT_TRUE(IsNamedHash(kSha256, "<sha256>"));
  EXPECT_TRUE(IsNamedHash(kSha256, "fileSha256Sum => '"));
  EXPECT_TRUE(IsNamedHash(kSha256, "integrity="));
  EXPECT_FALSE(IsNamedHash(kSha256, "token="));
  EXPECT_FALSE(IsNamedHash(kSha256, ""));
  EXPECT_FALSE(IsNamedHash("Vx9dQ2mLr7TpQzK4", "sha1 = "));
  const std::string text = "a: 1\nkey_sha1: " + kSha1;
  EXPECT_EQ(LineBefore(text, text.size() - kSha1.size()), "key_sha1: ");
  EXPECT_EQ(LineBefore(text, 0), "");
  EXPECT_EQ(LineBefore(text, 1000), "key_sha1: " + kSha1);
}

// ---- secret scanners' own files -------------------------------------------------------------

std::string Baseline(const std::string& extra) {
  return "{\n  \"exclude\": {\n    \"files\": null,\n    \"lines\": \"password = '" + kSecret +
         "'\"\n  },\n  \"generated_at\": \"2020-09-13T20:49:20Z\",\n  \"plugins_used\": [],\n"
         "  \"results\": {\n    \"config.env\": [\n      {\n        \"hashed_secret\": \"" +
         kSha1 + "\",\n        \"line_number\": 1,\n        \"type\": \"Secret Keyword\"\n" +
         extra + "      }\n    ]\n  }\n}\n";
}

TEST(ScannerArtefacts, DetectSecretsBaseline) {
  EXPECT_EQ(ClassifyScannerArtefact("repo/.secrets.baseline", "{}"),
            ScannerArtefact::kDetectSecretsBaseline);
  EXPECT_EQ(ClassifyScannerArtefact("baseline.file", Baseline("")),
            ScannerArtefact::kDetectSecretsBaseline);
  EXPECT_EQ(FileHits("test_data/baseline.file", Baseline("")), 0u);
  // A credential pasted into a baseline outside its hash and pattern values still fires.
  EXPECT_EQ(FileHits(".secrets.baseline", Baseline("        ,\"note\": \"" + kKey + "\"\n")), 1u);
  // The same exclude line in any other JSON file fires.
  EXPECT_EQ(FileHits("settings.json", "{\"lines\": \"password = '" + kSecret + "'\"}\n"), 1u);
}

std::string GitleaksConfig() {
  return "title = \"custom\"\n"
         "# Rules and allowlists are defined within this file.\n"
         "[[rules]]\n"
         "id = \"aws\"\n"
         "description = \"AWS keys\"\n"
         "regex = '''(?:AKIA)[A-Z0-9]{16}'''\n"
         "secretGroup = 1\n"
         "    [[rules.allowlists]]\n"
         "        regexes = ['''" +
         kKey +
         "''']\n"
         "[allowlist]\n"
         "description = \"global\"\n"
         "stopwords = [\n"
         "    \"" +
         kKey2 +
         "\",  # a comment with a ] bracket\n"
         "    'api_key = \"" +
         kSecret +
         "\"',\n"
         "]\n"
         "paths = ['''testdata/password=Vx9dQ2mLr7Tp''']\n"
         "commits = [\"" +
         kSha1 + "\"]\n";
}

TEST(ScannerArtefacts, GitleaksConfigAllowlistsAndPatterns) {
  const std::string config = GitleaksConfig();
  EXPECT_EQ(ClassifyScannerArtefact("gitleaks.toml", config), ScannerArtefact::kGitleaksConfig);
  EXPECT_EQ(ClassifyScannerArtefact(".gitleaks.toml", config), ScannerArtefact::kGitleaksConfig);
  ASSERT_GE(Scan(config).size(), 3u) << "the fixture must carry matches to suppress";
  EXPECT_EQ(FileHits("config/gitleaks.toml", config), 0u);
  // Outside the allowlist and pattern keys it fires: a comment, a description.
  EXPECT_EQ(FileHits("gitleaks.toml", config + "# old key " + kKey2 + "\n"), 1u);
  EXPECT_EQ(FileHits("gitleaks.toml", config + "[[rules]]\ndescription = \"was " + kKey2 + "\"\n"),
            1u);
  // The same text in a README (not TOML) or a TOML file without gitleaks tables fires.
  EXPECT_EQ(FileHits("README.md", config), Scan(config).size());
  EXPECT_EQ(FileHits("Cargo.toml", "[package]\nname = \"x\"\nregex = \"" + kKey + "\"\n"), 1u);
}

TEST(ScannerArtefacts, GitleaksMultiLineStrings) {
  const std::string config = "[allowlist]\nregexes = [\n  '''\n" + kKey + "\n''',\n  \"\"\"\n" +
                             kKey2 + "\n\"\"\",\n]\nnote = \"" + kKey2 + "\"\n";
  const auto hits = ScanFile("gitleaks.toml", config);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].line, 10u) << "only the key after the array";
}

TEST(ScannerArtefacts, GitleaksIgnore) {
  const std::string fp =
      "cd5226711335c68be1e720b318b7bc3135a30eb2:testdata/" + kKey + ".txt:aws-access-key:1\n";
  EXPECT_EQ(ClassifyScannerArtefact("repo/.gitleaksignore", fp), ScannerArtefact::kGitleaksIgnore);
  EXPECT_EQ(FileHits("repo/.gitleaksignore", fp), 0u);
  EXPECT_EQ(FileHits("notes.txt", fp), 1u);
  EXPECT_EQ(FileHits(".gitleaksignore", fp + "AWS_ACCESS_KEY_ID = " + kKey2 + "\n"), 1u);
}

std::string TrufflehogConfig() {
  return "detectors:\n"
         "  - name: HogTokenDetector\n"
         "    keywords:\n"
         "      - hog\n"
         "    regex:\n"
         "      hogID: '\\b(" +
         kKey +
         ")\\b'\n"
         "    exclude_words:\n"
         "    - " +
         kKey2 +
         "\n"
         "    exclude_regexes_match: ['password: " +
         kSecret +
         "']\n"
         "    verify:\n"
         "      - endpoint: http://localhost:8000/\n"
         "        headers:\n"
         "          - 'Authorization: Bearer e8Q6vNuQ2hU5tGtQAuzSsJimAQ8yRV5l'\n";
}

TEST(ScannerArtefacts, TrufflehogConfig) {
  const std::string config = TrufflehogConfig();
  EXPECT_EQ(ClassifyScannerArtefact("trufflehog.yaml", config), ScannerArtefact::kTrufflehogConfig);
  ASSERT_EQ(Scan(config).size(), 4u);
  // Only the verifier's header, a real credential, is left.
  const auto hits = ScanFile("trufflehog.yaml", config);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].match.rule->id, "bearer-token-header");
  EXPECT_EQ(FileHits("values.yaml", "detectors: []\n" + config.substr(11)), 4u)
      << "no top-level detectors: key";
}

TEST(ScannerArtefacts, OrdinaryFilesAreNone) {
  EXPECT_EQ(ClassifyScannerArtefact("README.md", "[allowlist]\nregexes = ['x']\n"),
            ScannerArtefact::kNone);
  EXPECT_EQ(ClassifyScannerArtefact("app.json", "{\"results\": []}"), ScannerArtefact::kNone);
  EXPECT_TRUE(ScannerArtefactSpans(".env", "A=1\n").empty());
  EXPECT_FALSE(InSpans({}, 0));
  EXPECT_TRUE(InSpans({{2, 5}, {3, 4}}, 4));
  EXPECT_FALSE(InSpans({{2, 5}}, 5));
}

}  // namespace
}  // namespace drydock::secrets
