// SPDX-License-Identifier: Apache-2.0
// The secret detector: finds credentials (cloud keys, VCS tokens, private keys, URLs with inline
// passwords, …) in arbitrary text. One constexpr rule table is the single source of truth: each row
// names its keywords (a cheap case-insensitive substring prefilter), an RE2 pattern (linear time on
// hostile input) whose first capture group is the secret, and a minimum Shannon entropy that weeds
// out placeholders. A vectorscan (Hyperscan) literal database compiled from the keywords picks the
// candidate rules in one pass; RE2 then confirms only those.
//
// Secrets never leave this module in a printable form other than through Mask().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"

namespace drydock::secrets {

struct DetectorRule {
  std::string_view id;     // stable, kebab-case: "aws-access-key-id"
  std::string_view title;  // "AWS access key ID"
  core::Severity severity;
  std::string_view keywords;  // comma-separated, lower case; any one must occur (case-insensitive)
  std::string_view pattern;   // RE2 syntax; capture group 1 is the secret
  double min_entropy;         // bits per byte of the secret; 0 = no check
  // Documentation and test examples (tests/secrets iterates them): `example_hit` must yield
  // exactly one match of this rule, `example_miss` a near miss must yield none. "||" inside an
  // example is removed by ExampleText() so that the source does not carry literal, scanner-
  // triggering tokens.
  std::string_view example_hit;
  std::string_view example_miss;
};

// The table. Order matters only for reporting: the first rule to claim a span wins, so specific
// rules come before generic ones (service-account JSON before private keys, everything before
// `generic-secret-assignment`). Example values are random test strings, never real credentials.
inline constexpr auto kDetectorRules = std::to_array<DetectorRule>({
    {"aws-access-key-id", "AWS access key ID", core::Severity::kCritical, "akia,asia,abia,acca,a3t",
     R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b)", 3.0,
     "AWS_ACCESS_KEY_ID=AK||IAHBRPOIG8F1CBFNO6", "AWS_ACCESS_KEY_ID=AK||IAHBRPOIG8F1CBFNO"},
    {"aws-secret-access-key", "AWS secret access key", core::Severity::kCritical,
     "aws_secret,aws-secret,awssecret,secret_access_key,secretaccesskey",
     R"((?i)(?:aws)?[_.-]?secret[_.-]?(?:access)?[_.-]?key["']?\s{0,5}(?:=|:|=>|:=)\s{0,5}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))",
     3.5, "aws_secret_access_key = dz1C5Jau2RJtBRnlWmTSHf6pWkLUyifDLkDmWJ6U",
     "aws_secret_access_key = $AWS_SECRET_ACCESS_KEY"},
    {"github-token", "GitHub token", core::Severity::kCritical, "ghp_,gho_,ghu_,ghs_,ghr_",
     R"(\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251})\b)", 3.0,
     "GITHUB_TOKEN=gh||p_kxwnQrS7RPeMOkIUpkDyr7OSJoRu1XXdo0cZ",
     "GH=gh||p_kxwnQrS7RPeMOkIUpkDyr7OSJoRu1XXdo0c"},
    {"github-fine-grained-pat", "GitHub fine-grained personal access token",
     core::Severity::kCritical, "github_pat_", R"(\b(github_pat_[A-Za-z0-9_]{82}))", 3.0,
     "token: "
     "github||_pat_uzren68K4TunPFz46PDjqipVJIqVLB5LzxoiGFfWd3hjOkYRBMeyyMDHq_"
     "J38aRUhR4IWrXPvhsBkDa9U4",
     "pat: github||_pat_uzren68K4TunPFz46PDjqipVJIqVLB5"},
    {"gitlab-token", "GitLab personal access token", core::Severity::kCritical, "glpat-",
     R"((?:^|[^A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,300}))", 3.0,
     "CI_TOKEN=gl||pat-HwnMztVuaP_coUNEhEkk", "GL=gl||pat-HwnMztVuaP_coUN"},
    {"gitlab-other-token", "GitLab token (pipeline trigger, deploy, runner, OAuth, …)",
     core::Severity::kHigh,
     "glptt-,gldt-,glrt-,glcbt-,glimt-,glsoat-,glffct-,gloas-,glagent-,gr1348941",
     R"((?:^|[^A-Za-z0-9_-])((?:glptt|gldt|glrt|glcbt|glimt|glsoat|glffct|gloas|glagent)-[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20,64}))",
     3.0, "token=gl||rt-U74KKEpYEZAmggQBwBAD3UdR", "runner=gl||rt-U74KKEpYEZ"},
    {"slack-token", "Slack token", core::Severity::kHigh, "xoxb-,xoxa-,xoxp-,xoxr-,xoxs-",
     R"(\b(xox[baprs]-[0-9]{6,13}-[A-Za-z0-9-]{8,250})\b)", 3.0,
     "SLACK_BOT_TOKEN=xo||xb-2948475610-5918273640-UF0eWIXiiQE8JkqH3MB9n7IW",
     "SLACK=xo||xb-29484-UF0eWIXiiQE8JkqH3MB9n7IW"},
    {"slack-webhook-url", "Slack incoming webhook URL", core::Severity::kHigh, "hooks.slack.com",
     R"((https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,120}))", 3.0,
     "https://hooks.sl||ack.com/services/T0A1B2C3D/B4E5F6G7H/USmTtzQPxC5HChpoevbLJoLo",
     "https://hooks.sl||ack.com/services/T0A1B2C3D"},
    {"stripe-secret-key", "Stripe live secret key", core::Severity::kCritical, "sk_live_,rk_live_",
     R"(\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b)", 2.5,
     "stripe.api_key = 'sk||_live_U74KKEpYEZAmggQBwBAD3UdR'",
     "STRIPE='sk||_test_U74KKEpYEZAmggQBwBAD3UdR'"},
    {"google-api-key", "Google API key", core::Severity::kHigh, "aiza",
     R"(\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$))", 3.5,
     "GOOGLE_API_KEY=AI||zamhZRnFyy5r2xJ7Fj4mgblEv0_9BZhvWaXH6",
     "GOOGLE=AI||zamhZRnFyy5r2xJ7Fj4mgblEv0_9BZhv"},
    {"gcp-service-account", "Google Cloud service-account key (JSON)", core::Severity::kCritical,
     "service_account",
     R"re((?s)"type"\s{0,5}:\s{0,5}"service_account".{0,1000}?"private_key"\s{0,5}:\s{0,5}"(-----BEGIN[^"]{0,100}PRIVATE KEY-----[^"]+))re",
     0,
     R"({"type": "service_account", "project_id": "demo", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"})",
     R"({"type": "service_account", "project_id": "demo", "client_email": "ci@demo.iam.gserviceaccount.com"})"},
    {"private-key", "Private key", core::Severity::kCritical, "-----begin",
     R"((-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:(?s:.)*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)?))",
     0,
     "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE "
     "KEY-----\n",
     "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----\n"},
    {"jwt", "JSON Web Token", core::Severity::kHigh, "eyj",
     R"(\b(eyJ[A-Za-z0-9_-]{12,}\.eyJ[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{16,})(?:[^A-Za-z0-9_.=-]|=|$))",
     3.0,
     "Authorization: "
     "ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6ImRyeWRvY2sifQ."
     "unWe8Cz6SNDCdyZQJiJSZQdoHwHen3SO3oXyGf3azU3",
     "ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 is only a header"},
    {"npm-token", "npm access token", core::Severity::kCritical, "npm_",
     R"(\b(npm_[A-Za-z0-9]{36})\b)", 3.0,
     "//registry.npmjs.org/:_authToken=np||m_sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2",
     "np||m_config_registry=https://registry.npmjs.org/"},
    {"pypi-token", "PyPI upload token", core::Severity::kCritical, "pypi-ageichlwas5vcmc",
     R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}))", 3.0,
     "password = "
     "py||pi-AgEIcHlwaS5vcmcxiiEZpFfk1OHAOEHYqM6Ojb6mjBHqSiFVKu4MbMnrHontIKARAH_Ggl2JfaQ",
     "PYPI=py||pi-AgEIcHlwaS5vcmcxiiEZpFfk1OHA"},
    {"dockerhub-pat", "Docker Hub personal access token", core::Severity::kCritical,
     "dckr_pat_,dckr_oat_", R"(\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64})\b)", 3.0,
     "echo dck||r_pat_qHu42bojteVs3qfNUfTAFnT0tEu | docker login -u ci --password-stdin",
     "echo dck||r_pat_qHu42bojte | docker login"},
    {"docker-config-auth", "Docker config.json registry credentials", core::Severity::kCritical,
     "\"auth\"", R"re("auth"\s{0,5}:\s{0,5}"([A-Za-z0-9+/]{12,1000}={0,2})")re", 3.0,
     R"({"auths": {"registry.example.com": {"auth": "Y2ktYm90OlpabDRBYmxWN3ZZN0FaUTNWWnBy"}}})",
     R"({"auths": {"registry.example.com": {"auth": ""}}, "credsStore": "desktop"})"},
    {"azure-storage-key", "Azure storage account key", core::Severity::kCritical, "accountkey",
     R"((?i)\bAccountKey\s{0,3}=\s{0,3}([A-Za-z0-9+/]{86}==))", 3.5,
     "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=MZaMKA3P744B8vkKQlENCzsdfF8j61yX/"
     "ZFsan2Cw7gFp6r7O425u85HFJ+EJ4jKEIQOkrtDXtBi10Q71hA1Xc==;EndpointSuffix=core.windows.net",
     "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=$(STORAGE_KEY)"},
    {"azure-shared-access-key", "Azure shared access key (Service Bus, Event Hubs, IoT Hub)",
     core::Severity::kHigh, "sharedaccesskey",
     R"((?i)\bSharedAccessKey\s{0,3}=\s{0,3}([A-Za-z0-9+/]{43}=))", 3.5,
     "Endpoint=sb://demo.servicebus.windows.net/"
     ";SharedAccessKeyName=Root;SharedAccessKey=W9aTMX1C+CI3+dXRZv7qdYdk2r7xgHWPB6PRWJ1Gk8c=",
     "Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey"},
    {"netrc-password", ".netrc machine password", core::Severity::kHigh, "machine",
     R"(\bmachine\s{1,20}[^\s]{1,256}(?:\s{1,20}(?:login|account)\s{1,20}[^\s]{1,256}){0,2}\s{1,20}password\s{1,20}([^\s]{1,256}))",
     0, "machine api.github.com\n  login ci-bot\n  password Vx9dQ2mLr7Tp\n",
     "machine api.github.com login ci-bot password changeme\n"},
    {"url-credentials", "URL with an inline password", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:@/'"`]{1,128}:([^\s@/'"`]{1,256})@[A-Za-z0-9_.\[\]-]+)",
     0, "DATABASE_URL=postgres://admin:Vx9dQ2mLr7Tp@db:5432/app",
     "DATABASE_URL=postgres://admin:${DB_PASSWORD}@db:5432/app"},
    {"url-token", "URL with an inline token", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://([A-Za-z0-9_-]{24,256})@[A-Za-z0-9_.-]+)", 3.9,
     "git clone https://jpiEQhK8nDSqXxkMM9VThX0k9tgL@git.example.com/app.git",
     "git clone https://git@git.example.com/app.git"},
    {"basic-auth-header", "HTTP basic authorization header", core::Severity::kHigh, "authorization",
     R"((?i)authorization:\s{0,5}basic\s{1,5}([A-Za-z0-9+/]{8,}={0,2}))", 3.0,
     "curl -H 'Authorization: Basic Y2ktYm90OlpabDRBYmxWN3ZZN0FaUTNWWnBy' https://example.com",
     "curl -H 'Authorization: Basic $CREDS' https://example.com"},
    {"bearer-token-header", "HTTP bearer token header", core::Severity::kHigh, "bearer",
     R"((?i)authorization:\s{0,5}bearer\s{1,5}([A-Za-z0-9._~+/-]{20,}=*))", 3.5,
     "curl -H 'Authorization: Bearer e8Q6vNuQ2hU5tGtQAuzSsJimAQ8yRV5l' https://example.com",
     "curl -H 'Authorization: Bearer ${TOKEN}' https://example.com"},
    {"openai-api-key", "OpenAI API key", core::Severity::kHigh, "t3blbkfj",
     R"(\b(sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20,200})T3BlbkFJ[A-Za-z0-9_-]{20,200})\b)",
     3.5, "OPENAI_API_KEY=sk-proj-U74KKEpYEZAmggQBwBAD3UdRT3Bl||bkFJsBS9UYJQTFjmsn9dLVIdV",
     "OPENAI=sk-proj-U74KKEpYEZT3Bl||bkFJ"},
    {"huggingface-token", "Hugging Face access token", core::Severity::kHigh, "hf_",
     R"(\b(hf_[A-Za-z0-9]{34,40})\b)", 3.5, "HF_TOKEN=h||f_kxwnQrSRPeMOkIUpkDyrOSJoRuXXdocZuzrenK",
     "HF=h||f_kxwnQrSRPeMOkIUpkDyrOSJoRuXXdocZ"},
    {"alibaba-access-key-id", "Alibaba Cloud AccessKey ID", core::Severity::kHigh, "ltai",
     R"(\b(LTAI[A-Za-z0-9]{12,20})\b)", 3.0,
     "ALIBABA_CLOUD_ACCESS_KEY_ID=LT||AIp3Xk9QmZ2rT7vWb4Ny8L", "ALIBABA=LT||AIp3Xk9Q"},
    {"azure-app-config-connection-string", "Azure App Configuration connection string",
     core::Severity::kHigh, "azconfig.io",
     R"((?i)Endpoint=https://[A-Za-z0-9.-]{1,100}\.azconfig\.io;Id=[^;\s]{1,100};Secret=([A-Za-z0-9+/=]{20,200}))",
     3.0,
     "Endpoint=https://"
     "demo.azconfig.io;Id=Xa1b;Secret=W9aTMX1C+CI3+dXRZv7qdYdk2r7xgHWPB6PRWJ1Gk8c=",
     "Endpoint=https://demo.azconfig.io;Id=Xa1b"},
    {"azure-api-key", "Azure API key (AI services, container registry, …)", core::Severity::kHigh,
     "jqqj99", R"(\b([A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{26})\b)", 3.5,
     "AZURE_AI_KEY=sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2kxwnQrS7RPeMOkIU||"
     "JQQJ99BKACYeBjFXJ3w3AAAAACOGq8Zr",
     "AZURE_AI_KEY=sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2||JQQJ99BKACYeBjFX"},
    {"azure-sas-token", "Azure shared access signature (SAS) token", core::Severity::kHigh, "sig=",
     R"((?i)\bsv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,400}?\bsig=([A-Za-z0-9%+/]{40,120}={0,2}))", 3.5,
     "https://demo.blob.core.windows.net/c/"
     "b?sv=2023-11-03&sr=b&sp=r&sig=MZaMKA3P744B8vkKQlENCzsdfF8j61yX%2FZFsan2Cw7gF%3D",
     "https://demo.blob.core.windows.net/c/b?sv=2023-11-03&sr=b&sp=r&sig=${SAS}"},
    {"k8s-dockerconfig-secret", "Kubernetes image pull secret (.dockerconfigjson)",
     core::Severity::kHigh, ".dockerconfigjson,.dockercfg",
     R"(\.docker(?:configjson|cfg)["']?\s{0,5}:\s{0,5}["']?([A-Za-z0-9+/]{8,1000}={0,2}))", 3.0,
     "data:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWcuZXhhbXBsZS5jb20iOnt9fX0=\n",
     "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {{ .Values.pull }}\n"},
    {"maven-settings-password", "Maven settings.xml server password", core::Severity::kHigh,
     "<password>", R"(<password>\s{0,10}([^<\s]{4,256})\s{0,10}</password>)", 0,
     "<server><id>repo</id><username>ci</username><password>Vx9dQ2mLr7Tp</password></server>",
     "<server><id>repo</id><password>${env.MAVEN_PASSWORD}</password></server>"},
    {"generic-secret-assignment", "Hard-coded password, secret or token assignment",
     core::Severity::kMedium,
     "password,passwd,passphrase,secret,token,api_key,apikey,api-key,access_key,private_key",
     R"((?i)(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]{0,20}["']?\s{0,5}(?:=|:|:=|=>)\s{0,5}["']?([A-Za-z0-9!#$%&*+./=?@^_~-]{8,256}))",
     3.0, "db:\n  password: \"Vx9dQ2mLr7Tp\"\n", "db:\n  password: \"${DB_PASSWORD}\"\n"},
});

// The example of a rule as scanned text: `example` with every "||" removed.
std::string ExampleText(std::string_view example);

// Finds a rule by id; nullptr when unknown.
const DetectorRule* FindDetectorRule(std::string_view id);

// One detector hit. `value` points into the scanned text and lives only as long as it does.
struct SecretMatch {
  const DetectorRule* rule = nullptr;
  std::size_t offset = 0;  // of the secret (capture group), in bytes from the start of the text
  std::string_view value;  // the secret itself: mask it before it goes anywhere
};

// Scans `text` with every rule of the table. Matches are ordered by offset; overlapping matches of
// later rules are dropped. Placeholders, variable references and low-entropy values are rejected,
// and so are published samples, values that say they are fixtures and named hashes (samples.h).
// Input of any size and content is fine (RE2 is linear; no recursion).
std::vector<SecretMatch> Scan(std::string_view text);

// True for an environment/argument NAME that suggests a credential (BuildKit's
// SecretsUsedInArgOrEnv semantics: `_`-separated tokens apikey, auth, credential(s), key, password,
// pword, passwd, pass, pwd, secret, token, …) unless a token says the value is public or a pointer
// to the secret rather than the secret (public, file, path, version, id, name, url, gpg, …).
bool LooksLikeSecretName(std::string_view name);

// True for values that are obviously not real secrets: empty, variable references (`$X`, `${X}`,
// `$(cmd)`), templates (`<token>`, `{{ .x }}`, `%X%`), well-known fillers (changeme, xxx, example…,
// your_token_here, dummy, placeholder, …) and single repeated characters.
bool IsPlaceholder(std::string_view value);

// Shannon entropy of `value` in bits per byte (0 for empty input).
double ShannonEntropy(std::string_view value);

// File-level helpers (image layers, build contexts, `drydock secrets PATH…`).

// True when `prefix` (the first bytes of a file; only the first 8 KiB are looked at) looks binary:
// a NUL byte, or more than 10 % of the bytes outside valid UTF-8 sequences.
bool LooksBinary(std::string_view prefix);

// True when `path` ('/'-separated; a leading directory part is fine) names a credential file
// (secrets::ClassifyCredentialFile: id_rsa, *.pem, *.key, .npmrc, .aws/credentials, …). Such
// files are scanned even when they look binary.
bool IsCredentialFileName(std::string_view path);

// One hit of ScanFile: the match plus its 1-based line and column (bytes) in the content.
struct FileMatch {
  SecretMatch match;
  std::size_t line = 0;
  std::size_t column = 0;
};

// Scans one file. Lines carrying an inline allow pragma (`pragma: allowlist secret` as in
// detect-secrets, `gitleaks:allow`, `drydock:allow-secret`) are skipped. Binary-looking content
// (LooksBinary on its first 8 KiB) is skipped unless the path is a credential file name. Matches in
// the allowlists, patterns and hashes of secret scanners' own files (artefacts.h: detect-secrets
// baselines, gitleaks configs and .gitleaksignore, trufflehog configs) are dropped. `content`
// must outlive the result (values point into it).
std::vector<FileMatch> ScanFile(std::string_view path, std::string_view content);

// True when the keyword prefilter runs on vectorscan (false: the built-in fallback, used when
// the vectorscan database failed to compile or the CPU is unsupported).
bool UsesVectorscan();

namespace detail {
// The prefilter's candidate rules for `text` (bit r = kDetectorRules[r]), from the vectorscan
// database or from the built-in fallback; exposed so that tests can check that both agree.
std::uint64_t CandidateRules(std::string_view text, bool use_vectorscan);
}  // namespace detail

// The only printable form of a secret: first 4 bytes (fewer for short secrets, never cutting a
// UTF-8 sequence) + "…(" + length + ")", e.g. "AKIA…(20)". Secrets shorter than 16 bytes show
// length/4 leading bytes so that a short password is never mostly revealed.
std::string Mask(std::string_view secret);

}  // namespace drydock::secrets
