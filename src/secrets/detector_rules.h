// SPDX-License-Identifier: Apache-2.0
// The secret detector's rule table (included by secrets/detector.h): one row per credential
// format, the single source of truth for the prefilter keywords, the RE2 pattern, the entropy
// gate, the checksum and the documentation examples. Token layouts (prefix, length, alphabet,
// checksum) follow the providers' documentation and public scanners' catalogues (gitleaks,
// trufflehog); patterns are our own. tests/secrets/data/labelled.txt (tools/gen-secret-labelled)
// holds real-shaped positives and near-miss negatives for every row.
//
// Deliberate choices:
// - Stripe test-mode keys (`sk_test_`, `rk_test_`) and publishable keys (`pk_…`) are not live
//   credentials: no rule reports them, and generic rules leave them alone (kNotSecretPrefixes).
// - Formats that are random hex/base62 without a prefix (Datadog, Cohere, Mistral, Twilio, Heroku
//   v1, Cloudflare API tokens, MaxMind legacy keys, …) are kContext rules: the provider's name
//   must precede the value (an assignment or a `name: value` pair), as gitleaks does.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/severity.h"

namespace drydock::secrets {

// An integrity check built into a token format. A match whose check fails is not a finding.
enum class Checksum : std::uint8_t {
  kNone,
  // GitHub's classic tokens and npm's: `xxx_` + 30 random base62 characters + the CRC32 (IEEE)
  // of those 30 characters in base62 (0-9A-Za-z), zero-padded to 6 characters (ChecksumOk).
  kBase62Crc32,
};

// How a rule relates to the others (Scan's post-filter).
enum class RuleKind : std::uint8_t {
  // A provider's token recognised by its own shape (a prefix, a fixed layout). Its keywords are
  // token prefixes: a kGeneric match whose value starts with one is left to this rule.
  kToken,
  // A provider's credential recognised by the provider's name next to it. Its keywords are names:
  // a kGeneric match with one of them shortly before the value is left to this rule.
  kContext,
  // Any value in a credential position (assignments, URLs, headers, .netrc, curl -u): defers to
  // the provider rules above, so that a provider look-alike those rules rejected (a wrong length,
  // a bad checksum) is not reported as a generic secret either.
  kGeneric,
};

struct DetectorRule {
  std::string_view id;     // stable, kebab-case: "aws-access-key-id"
  std::string_view title;  // "AWS access key ID"
  core::Severity severity;
  std::string_view keywords;  // comma-separated, lower case; any one must occur (case-insensitive)
  std::string_view pattern;   // RE2 syntax; the first capture group that matched is the secret
  double min_entropy;         // bits per byte of the secret; 0 = no check
  // Documentation and test examples (tests/secrets iterates them): `example_hit` must yield
  // exactly one match of this rule, `example_miss` a near miss must yield none. "||" inside an
  // example is removed by ExampleText() so that the source does not carry literal, scanner-
  // triggering tokens.
  std::string_view example_hit;
  std::string_view example_miss;
  RuleKind kind = RuleKind::kToken;
  Checksum checksum = Checksum::kNone;
};

// The table. Order matters only for reporting: the first rule to claim a span wins, so specific
// rules come before generic ones (service-account JSON before private keys, everything before
// the kGeneric rules at the end). Example values are random test strings, never real
// credentials.
inline constexpr auto kDetectorRules = std::to_array<DetectorRule>({
    {"aws-access-key-id", "AWS access key ID", core::Severity::kCritical, "akia,asia,abia,acca,a3t",
     R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b)", 3.0,
     "AWS_ACCESS_KEY_ID=AK||IAHBRPOIG8F1CBFNO6", "AWS_ACCESS_KEY_ID=AK||IAHBRPOIG8F1CBFNO"},
    {"aws-secret-access-key", "AWS secret access key", core::Severity::kCritical,
     "aws_secret,aws-secret,awssecret,secret_access_key,secretaccesskey",
     R"((?i)(?:aws)?[_.-]?secret[_.-]?(?:access)?[_.-]?key["']?\s{0,5}(?:=|:|=>|:=)\s{0,5}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))",
     3.5, "aws_secret_access_key = dz1C5Jau2RJtBRnlWmTSHf6pWkLUyifDLkDmWJ6U",
     "aws_secret_access_key = $AWS_SECRET_ACCESS_KEY", RuleKind::kContext},
    {"aws-bedrock-api-key", "Amazon Bedrock API key", core::Severity::kCritical,
     "absk,bedrock-api-key-",
     R"re(\b(ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]{40,1000})(?:[^A-Za-z0-9+/=%]|$))re",
     3.5,
     "AWS_BEARER_TOKEN_BEDROCK=AB||"
     "SKQmVkcm9ja0FQSUtleS1nbjMzLWF0LTkwNDQzNTEyOTIyMTpKOWxDM3VOWXFQTE91cEh6Q0VVWHA3ZG5"
     "zTldHMi81Z3hwTEdJZnRTU2ovRGFVUlpjN012QXdzSGU5Qkc=",
     "AWS_BEARER_TOKEN_BEDROCK=AB||SKDVSH0f/2qoIX7uxB5JwPdXYQttd1UYtFyv2h1WYUluv6e+l/"
     "hHMBYcv32Z9m"},
    {"github-token", "GitHub token (personal, OAuth, user-to-server, server-to-server, refresh)",
     core::Severity::kCritical, "ghp_,gho_,ghu_,ghs_,ghr_",
     R"re(\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})\b)re", 3.0,
     "GITHUB_TOKEN=gh||p_KVVF2r2v4XF3vcJCss3S37rvaSWG0217tlV6",
     "GITHUB_TOKEN=gh||p_oRX6ec90KojbOP4bUxZ0ZNT40zgFPV0IH357", RuleKind::kToken,
     Checksum::kBase62Crc32},
    {"github-app-installation-token", "GitHub App installation token (ghs_ with a JWT)",
     core::Severity::kCritical, "ghs_",
     R"re(\b(ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,1000}\.eyJ[A-Za-z0-9_-]{8,1000}\.[A-Za-z0-9_-]{16,1000})(?:[^A-Za-z0-9_.-]|$))re",
     3.0,
     "GITHUB_TOKEN=gh||s_48213_eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjM0NSJ9."
     "kQ2vX8pLm4Rt7Wz9Yb3Nc6Hd1Gf5Js0U",
     "GITHUB_TOKEN=gh||s_48213_eyJhbGciOiJSUzI1NiJ9"},
    {"github-fine-grained-pat", "GitHub fine-grained personal access token",
     core::Severity::kCritical, "github_pat_",
     R"re(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)re", 3.0,
     "GITHUB_TOKEN=gi||thub_pat_BzqCxyPDZp68MS3cDN7jRQ_"
     "t3LLYiyr1cYALE1aI9r8VrwSknJoC9O5qE3lCcagvdQaYlUFwB5VHUxDXGO",
     "GITHUB_TOKEN=gi||thub_pat_1r3GGyZ3DbwfUo0NjYc1wO_"
     "gsr7c4QjWOqWwUktB03UjM5M2rQZlB5qcL91Rw8A"},
    {"gitlab-token", "GitLab personal access token", core::Severity::kCritical, "glpat-",
     R"re((?:^|[^A-Za-z0-9_-])(glpat-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}(?:\.[0-9a-z]{9}|[0-9a-z]{7})|[A-Za-z0-9_-]{20}))(?:[^A-Za-z0-9_-]|$))re",
     3.0, "GITLAB_TOKEN=gl||pat-dqFXBzjdGVc1H7evcKWZ", "GITLAB_TOKEN=gl||pat-suXPVyLTB72YartfBKK"},
    {"gitlab-other-token",
     "GitLab token (pipeline trigger, deploy, runner, OAuth, feed, session cookie, …)",
     core::Severity::kHigh,
     "glptt-,gldt-,glrt-,glcbt-,glimt-,glsoat-,glffct-,gloas-,glagent-,glft-,gr1348941,"
     "_gitlab_session=",
     R"re((?:^|[^A-Za-z0-9_-])(?:(glrt-t[0-9]_[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}|(?:gldt|glft|glsoat|glffct|glrt)-[A-Za-z0-9_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}|gloas-[A-Za-z0-9_-]{64}|glptt-[0-9a-f]{40}|glcbt-[0-9A-Za-z]{1,5}_[A-Za-z0-9_-]{20}|GR1348941[A-Za-z0-9_-]{20})|_gitlab_session=([0-9a-f]{32}))(?:[^A-Za-z0-9_-]|$))re",
     3.0, "token=gl||rt-U74KKEpYEZAmggQBwBAD", "runner=gl||rt-U74KKEpYEZ"},
    {"slack-token", "Slack token (bot, user, workspace, legacy)", core::Severity::kHigh,
     "xoxb-,xoxa-,xoxp-,xoxr-,xoxs-,xoxo-",
     R"re(\b(xox[bpaosr]-(?:[0-9]-)?[0-9]{6,14}-[A-Za-z0-9-]{8,250}|xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{30,48})\b)re",
     3.0, "SLACK_BOT_TOKEN=xo||xb-2948475610-5918273640-UF0eWIXiiQE8JkqH3MB9n7IW",
     "SLACK=xo||xb-29484-UF0eWIXiiQE8JkqH3MB9n7IW"},
    {"slack-webhook-url", "Slack incoming webhook URL", core::Severity::kHigh, "hooks.slack.com",
     R"((https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,120}))", 3.0,
     "https://hooks.sl||ack.com/services/T0A1B2C3D/B4E5F6G7H/USmTtzQPxC5HChpoevbLJoLo",
     "https://hooks.sl||ack.com/services/T0A1B2C3D"},
    {"stripe-secret-key", "Stripe live secret key", core::Severity::kCritical, "sk_live_,rk_live_",
     R"(\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b)", 2.5,
     "stripe.api_key = 'sk||_live_U74KKEpYEZAmggQBwBAD3UdR'", "STRIPE='sk||_live_U74KKEpYEZ'"},
    // Test-mode keys read and write the account's test data (customers, webhooks,
    // connected accounts): a credential, of lower impact than a live key.
    {"stripe-test-secret-key", "Stripe test-mode secret key", core::Severity::kMedium,
     "sk_test_,rk_test_", R"(\b((?:sk|rk)_test_[A-Za-z0-9]{20,247})\b)", 2.5,
     "stripe.api_key = 'sk||_test_U74KKEpYEZAmggQBwBAD3UdR'",
     "STRIPE_PUBLISHABLE_KEY='pk||_test_U74KKEpYEZAmggQBwBAD3UdR'"},
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
    {"private-key", "Private key", core::Severity::kCritical,
     "-----begin,---- begin ssh2 encrypted private key",
     R"re((-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])+(?:[A-Za-z-]{1,40}:[^\r\n]{0,200}(?:\s|\\[rn])+){0,5}[A-Za-z0-9+/=]{40,}(?:(?s:.)*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)?|---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?s:.){0,400}?[A-Za-z0-9+/=]{40}(?:(?s:.)*?---- END SSH2 ENCRYPTED PRIVATE KEY ----)?))re",
     0,
     ("-----BEGIN OPENSSH PRIVATE "
      "KEY-----"
      "\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
      "-----END OPENSSH PRIVATE KEY-----\n"),
     "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC "
     "KEY-----\n"},
    {"gcp-oauth-client-secret", "Google OAuth client secret", core::Severity::kHigh, "gocspx-",
     R"re(\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|$))re", 3.0,
     "{\"installed\": {\"client_secret\": \"GO||CSPX-_o4wk0CD015YEWSErwMUDunhs0Ol\"}}",
     "GOOGLE_CLIENT_SECRET=GO||CSPX-2bSHhzgSH5bCD2IYWLuub6I-6Hd"},
    {"azure-ad-client-secret", "Azure AD (Entra ID) client secret", core::Severity::kCritical, "q~",
     R"re((?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{34})(?:[^A-Za-z0-9_~.-]|$))re",
     3.5, "AZURE_CLIENT_SECRET=d7||b3Q~8oC5-1z0J3I0Qdd_1mO2qdtyWa-f_V0Vl5",
     "AZURE_CLIENT_SECRET=QT||F9Q~9U2jUaFZj399KD4YCmWx5sKjoaIJbb"},
    {"alibaba-secret-key", "Alibaba Cloud AccessKey secret", core::Severity::kCritical,
     "alibaba,aliyun,accesskeysecret,access_key_secret",
     R"re((?i)(?:alibaba|aliyun|access_?key_?secret)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([A-Za-z0-9]{30})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=6gBtDE9W2LBpWNaZUheQpDsQX89GhT",
     "ALIBABA_CLOUD_ACCESS_KEY_SECRET=s6iew9TCeUadkVj9mr08RKBA8k6hf", RuleKind::kContext},
    {"digitalocean-token", "DigitalOcean token", core::Severity::kCritical,
     "dop_v1_,doo_v1_,dor_v1_", R"re(\b(do[por]_v1_[a-f0-9]{64})\b)re", 3.0,
     "DIGITALOCEAN_TOKEN=do||p_v1_"
     "1a692ab5c0077eceda213f8f53539f4911a52d1c6e746ac360d6eeeec4ab0a2d",
     "DIGITALOCEAN_TOKEN=do||p_v1_"
     "6a5397f597b9386c3f00a6b04de029675fe9d8e5a8fb0d54602bb8d7c925f47"},
    {"flyio-token", "Fly.io token", core::Severity::kCritical, "fo1_,fm1a_,fm1r_,fm2_",
     R"re(\b(fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,1000}={0,3}|fm2_[A-Za-z0-9+/]{100,1000}={0,3})(?:[^A-Za-z0-9_+/=-]|$))re",
     4.0,
     "FLY_API_TOKEN=FlyV1 "
     "fm||2_/"
     "fwEIOFgiXsx3Pwko+tUgIqsr2Obl2Xp1dITtgok1kZuj25SmdA6Ael7ZR6y0tn+"
     "aBlBmNu02bFv7gdaqMJyHHsNxkVkvNs7Ul+"
     "nGzRwVMjon0Llz7KcgTvsRXNDQQYj1eufG6yNmxfgLOVGi467IWJ7GrYofzZmlQwW5+"
     "DM2eJknJLUnklI==",
     "FLY_ACCESS_TOKEN=fo||1_SkZGUC-XXkquKCWF9MoHMOecb83LaT"},
    {"heroku-api-key-v2", "Heroku API key (v2)", core::Severity::kCritical, "hrku-",
     R"re(\b(HRKU-AA[A-Za-z0-9_-]{58})(?:[^A-Za-z0-9_-]|$))re", 3.5,
     "HEROKU_API_KEY=HR||KU-AAumzxM59Vuo7h2aaB1KLSHgqO3pfWC0ZzFh9qMlVatHdF1wa5Ygf6Wu_"
     "EZq",
     "HEROKU_API_KEY=HR||KU-AALPrPb__OG3ZJodbu06xxXouyu2PUXNrycic9KGCS-"
     "Cs2YeUGhReekr6gC"},
    {"heroku-api-key", "Heroku API key", core::Severity::kCritical, "heroku",
     R"re((?i)(?:heroku)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.0, "HEROKU_API_KEY=38fe97f8-b9f8-dea2-ee55-03674e493175",
     "HEROKU_APP_ID=3791d269-074d-9451-ccd1-dba7041ae33", RuleKind::kContext},
    {"bitbucket-app-password", "Bitbucket app password", core::Severity::kCritical, "atbb",
     R"re(\b(ATBB[A-Za-z0-9]{32})\b)re", 3.5,
     "git clone "
     "https://ci:AT||BBp4pbQURpPSqYDXRMolz8J4ec1MTdfRh8@bitbucket.org/team/repo.git",
     "BITBUCKET_APP_PASSWORD=AT||BB5eErnEtTgQLm9ydT3s1WS6YALEuyFfa"},
    {"atlassian-api-token", "Atlassian API or access token (Jira, Confluence, Bitbucket)",
     core::Severity::kCritical, "atatt3,atctt3",
     R"re(\b(AT[AC]TT3[A-Za-z0-9_=-]{186})(?:[^A-Za-z0-9_=-]|$))re", 3.5,
     "JIRA_API_TOKEN=AT||ATT3xFfGF0RNkphcRIx62AOJJ3w_"
     "dr0TdQVx1kkQO5eXF36HxZSZjsWTFCNWQQRvEyvyJN3eAwAnyq1nYlArqjl5bB0DQm7FrbBT5pwApOOZK"
     "UN0OFncGyt4nqhA_YQapqAt4Ab_koBCen-SHq59h9kPgM7shg4yzWyVGhi-wf5KXwM04NbM9="
     "34AC084A",
     "JIRA_API_TOKEN=AT||ATT3xFfGF0YMmOlgqhs5d_VsBCCCZ7H6iMxX_jsUZsZHn8pz-"
     "yWNGgomwq6MtmQR5dIdp_"},
    {"sonar-token", "SonarQube / SonarCloud token", core::Severity::kHigh, "squ_,sqp_,sqa_,sonar",
     R"re((?:\b(sq[upa]_[a-f0-9]{40})\b|(?i:sonar[_.-]?(?:login|token))["']?\s{0,3}[=:]\s{0,3}["']?([a-f0-9]{40})\b))re",
     3.0, "SONAR_TOKEN=sq||u_1712ac16ff430ae90a8dfc39a8b1a9fbe9d3169c",
     "SONAR_TOKEN=sq||u_4977e0f8445899f4a9e12db43d10ccdddeeab5d", RuleKind::kContext},
    {"snyk-token", "Snyk API token", core::Severity::kHigh, "snyk",
     R"re((?i)(?:snyk[_.-]?(?:(?:api|oauth|auth)[_.-]?)?(?:key|token)|snyk\s+auth)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.0, "SNYK_TOKEN=802f065b-a06a-3908-18b7-0200d0fce0a8",
     "SNYK_ORG_ID=d231af4b-2533-201b-e204-ef808de68d55", RuleKind::kContext},
    {"sourcegraph-token", "Sourcegraph access token", core::Severity::kHigh, "sgp_",
     R"re(\b(sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40}|sgp_[a-f0-9]{40})\b)re", 3.0,
     "SRC_ACCESS_TOKEN=sg||p_90dbfffe905513d2_c554df64d7b939ddf33bb8a52b6119d5386822da",
     "SRC_ACCESS_TOKEN=sg||p_fea9d69475fa02e28c7defe7088cdc"},
    {"circleci-token", "CircleCI personal or project API token", core::Severity::kCritical,
     "ccipat_,cciprj_", R"re(\b(CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b)re", 3.5,
     "CIRCLE_TOKEN=CC||IPAT_XaeRM5rWpRrSyPE9WWYHbM_"
     "560dc702602f55135780cace112e4789769fe774",
     "CIRCLE_TOKEN=CC||IPAT_AxWnGJoodqglUXYr68bMqt_8760afa02aba08eba3b53f76741bf5"},
    {"travis-token", "Travis CI API token", core::Severity::kHigh, "travis",
     R"re((?i)(?:travis)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([A-Za-z0-9]{22})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "TRAVIS_API_TOKEN=dito9zOyQSkZf9BBeTMcxI", "TRAVIS_API_TOKEN=Cfw0ZiHoZA7dsRQUukXgJ",
     RuleKind::kContext},
    {"buildkite-token", "Buildkite API access token", core::Severity::kHigh, "bkua_",
     R"re(\b(bkua_[a-z0-9]{40})\b)re", 3.0,
     "BUILDKITE_API_TOKEN=bk||ua_68zznhhxufvdsep3ip0nd8iygjfcpd01n2u7lx70",
     "BUILDKITE_API_TOKEN=bk||ua_xx8aq5f6ct6o8y781pfx9kf0s2lr0hd0aoymrhc"},
    {"slack-app-token", "Slack app-level token", core::Severity::kHigh, "xapp-",
     R"re(\b(xapp-[0-9]-[A-Z0-9]{9,13}-[0-9]{10,14}-[a-f0-9]{32,64})\b)re", 3.0,
     "SLACK_APP_TOKEN=xa||pp-1-3UKDOC4ZIWM-5761815430540-"
     "7e27233f52bd53557255715beffcc468296d7f85f308078b7e217cf46fe2763f",
     "SLACK_APP_TOKEN=xapp-1-your-app-token"},
    {"slack-config-token", "Slack configuration access or refresh token", core::Severity::kHigh,
     "xoxe", R"re(\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}|xoxe-[0-9]-[A-Za-z0-9]{146})\b)re",
     3.5,
     "SLACK_CONFIG_TOKEN=xo||xe.xoxp-1-"
     "DY9ynVN7bihwewfR5SCrFv0VUAk7sRU9Zg0np2nSdmk98N2KD4BOE0TDOgvV7TFlj72EKuKpgIS4EWBIE"
     "TfkMgCQdEmQkdlzTkVBuudvjHjfoYOnP8LXwkS7J0J8R1VJQ7pHKHz7Ju6neETOjwohRkJTakCAcwuK4a"
     "EY",
     "SLACK_CONFIG_TOKEN=xo||xe.xoxp-1-"
     "zd8lQlSbnDuBsv1Bq5eznuhBN8E7grWgzKIftDWbEEu0VNSJ6xfGPmFI4HV5"},
    {"discord-bot-token", "Discord bot token", core::Severity::kHigh, "discord",
     R"re((?i)(?:discord)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5,
     "DISCORD_BOT_TOKEN=ML||6m21DY4varmBEJDj6IR66nKI.YIcUy3."
     "BU6DysztkV3IWNR8EOQJkKZXqBitfWQd_5k_Nl",
     "DISCORD_CLIENT_ID=574670074932172418", RuleKind::kContext},
    {"discord-webhook-url", "Discord webhook URL", core::Severity::kHigh,
     "discord.com/api/webhooks,discordapp.com/api/webhooks",
     R"re((https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?:[^A-Za-z0-9_-]|$))re",
     3.5,
     "DISCORD_WEBHOOK=ht||tps://discord.com/api/webhooks/6627374004888080502/"
     "Z5NnFDzMpCJedLjVY5aaxL_jF2pbi68ofUwlgId8D7qLww-KZrnvpgXkJDVwMx9CdhW1",
     "DISCORD_WEBHOOK=https://discord.com/api/webhooks/3938299996024134987"},
    {"telegram-bot-token", "Telegram bot token", core::Severity::kHigh, ":aa",
     R"re((?:^|[^0-9])([0-9]{6,12}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$))re", 3.5,
     "TELEGRAM_BOT_TOKEN=14||18878782:AAXvj-jx0k6KZL0iux_ncgIAj8N-TCZxoHM",
     "TELEGRAM_BOT_TOKEN=85||25319737:AA5c26FQf56zlpTM4WyyV2"},
    {"twilio-api-key", "Twilio API key or auth token", core::Severity::kHigh, "twilio",
     R"re((?i)(?:twilio)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?((?-i:SK)[0-9a-f]{32}|[0-9a-f]{32})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.0, "TWILIO_API_KEY=SK||ceaf646ce44e562df9a55f65beaf6268",
     "build SK5567279c1a79f29c59295743a7504719", RuleKind::kContext},
    {"sendgrid-api-key", "SendGrid API key", core::Severity::kHigh, "sg.",
     R"re(\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$))re", 3.5,
     "SENDGRID_API_KEY=SG||.dvCPmIEl_PI9u8q7imGccj."
     "ZJRYXJ13oDhTtXTuh67VlhwIOpSpphXWunAiFTz3eND",
     "SENDGRID_API_KEY=SG||.e4wycbrYar6pNG6zcz_UOc.eX7w0lA_K5evUZTHIYxgVTv-wdkxHw"},
    {"mailchimp-api-key", "Mailchimp API key", core::Severity::kHigh, "-us,mailchimp",
     R"re((?:^|[^A-Za-z0-9_.-])([0-9a-f]{32}-us[0-9]{1,2})(?:[^A-Za-z0-9_.-]|$))re", 3.0,
     "MAILCHIMP_API_KEY=2e2ffa2b361dfb99943c0a208adbcdb3-us5",
     "MAILCHIMP_API_KEY=1999a1ec795fde4ad53ffb1db4436b2-us6", RuleKind::kContext},
    {"mailgun-api-key", "Mailgun API key", core::Severity::kHigh, "mailgun",
     R"re((?i)(?:mailgun)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?(key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.0, "MAILGUN_API_KEY=ke||y-ce8c3f794282b5a7dfb590da3ce90eba",
     "cache key-ea755624025a4ea09b80722fab5a938a", RuleKind::kContext},
    {"sumologic-access-key", "Sumo Logic access ID or key", core::Severity::kHigh, "sumo",
     R"re((?i)(?:sumo)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?(su[A-Za-z0-9]{12}|[A-Za-z0-9]{64})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "SUMO_ACCESS_KEY=Sbc1exZCTn3vMplboADGzRG8ZBnM9D5NkeimDRFTUqM7SzRSQKmpdaNFRAeEa3go",
     "SUMO_ACCESS_KEY=JounTCLZBeZT4vLMGnIXX3q5upDM8GxT9C4NFMDroQIFq3A7w4ofenPGNjbZ4F7",
     RuleKind::kContext},
    {"sentry-token", "Sentry auth token (organization or user)", core::Severity::kHigh,
     "sntrys_,sntryu_",
     R"re(\b(sntrys_eyJ[A-Za-z0-9+/]{20,1000}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?:[^A-Za-z0-9+/=_-]|$))re",
     3.5,
     "SENTRY_AUTH_TOKEN=sn||trys_"
     "eyJpYXQiOjE3MDA5NTY0ODksInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9uX3VybCI6Imh0d"
     "HBzOi8vdXMuc2VudHJ5LmlvIiwib3JnIjoieXJ0aWRsIn0_"
     "k42yW3UxJ9HFpqkyawzGf2y0GIzsn9FNbe3KH7viqB/",
     "SENTRY_AUTH_TOKEN=sn||tryu_"
     "09af9551d403ed74a24791d7dac6efae33e9073b1794e32f1d4ced3ba126"},
    {"grafana-token", "Grafana API key, Cloud or service-account token", core::Severity::kHigh,
     "glc_,glsa_,eyjrijoi",
     R"re(\b(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9+/]{40,400}={0,2})(?:[^A-Za-z0-9+/=_-]|$))re",
     3.5,
     "GRAFANA_CLOUD_TOKEN=gl||c_"
     "iLyVyP4VgZrN4bGlBT3O0Nc6sLrdzogXvKQ4WPhiSDZ6iZYtvapyJUBTkmIFr6RnZugOCziZ3U/"
     "4s6T9lrQCue7saJX7yfOb16Ly==",
     "GF_TOKEN=gl||sa_fb2S4zfA7s5GY4NyL36Q_7ff812cc"},
    {"datadog-api-key", "Datadog API or application key", core::Severity::kHigh,
     "datadog,dd_api_key,dd_app_key,dd_application_key,dd-api-key,dd-application-key",
     R"re((?i)(?:datadog|dd[_-]api[_-]key|dd[_-]app(?:lication)?[_-]key)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([0-9a-f]{40}|[0-9a-f]{32})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.0, "DD_API_KEY=4d8489eeed9d86eb4774cd4a08c3c5bc",
     "DD_API_KEY=bd9ce62d3f2accc2a8006114809d0dc", RuleKind::kContext},
    {"new-relic-key", "New Relic API, insert, license or browser key", core::Severity::kHigh,
     "nrak-,nrii-,nrjs-,nrra-,nriq-,nral",
     R"re(\b(NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[a-f0-9]{19}|NRRA-[a-f0-9]{42}|NRIQ-[A-Za-z0-9_-]{32}|[a-f0-9]{36}NRAL)(?:[^A-Za-z0-9_-]|$))re",
     3.0, "NEW_RELIC_API_KEY=NR||AK-4TIZ95UY0ZQ6TVGSGE2EFL6YIGP",
     "NEW_RELIC_API_KEY=NR||AK-TETPMBKFYPRC0SWBDZXO"},
    {"notion-token", "Notion integration token", core::Severity::kHigh, "secret_,ntn_",
     R"re(\b(secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})\b)re", 4.0,
     "NOTION_TOKEN=se||cret_ZwN6nGlXE1qWiYmNDyJDSLS4FBxWQzuzP5A8NaXsqgn",
     "def secret_nkaxrdaqckao_handler():"},
    {"facebook-access-token", "Facebook (Meta) access token", core::Severity::kHigh, "eaa",
     R"re(\b(EAA[A-Za-z0-9]{96,400})\b)re", 4.0,
     "FB_ACCESS_TOKEN=EA||"
     "AGy8TCcnJjEZjMFEdnEoIdICepWzqrqDLh3HcK0ZwAR7sWaK1LME2CGkHHCVQuLYfaikyAQ6UjKmWUBDz"
     "f6EftrjQI3Yh42sXpygRFapxmQWUnyJUPj5e6KOjYPKbtTlilXhZOZ591XyUStF8iET2vFFoBOmPn4xQ2"
     "mo9TPcwKXYrl9oyo6lD6",
     "FB_ACCESS_TOKEN=EA||AGl7Hv0LbAnhyjEmXHqkg3Fn9njQHEcixDRB6nDxwx"},
    {"hubspot-token", "HubSpot private app token or API key", core::Severity::kHigh,
     "pat-na,pat-eu,pat-ap,hubspot", R"re((?:\b(pat-(?:na|eu|ap)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b|(?i:hubspot)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}[=:]\s{0,5}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b))re",
     3.0, "HUBSPOT_ACCESS_TOKEN=pa||t-na1-c83c3b2e-794b-a17a-5a8c-dfb24cd9cc56",
     "HUBSPOT_ACCESS_TOKEN=pa||t-na1-bc63393d-fb75-cfcd-c008-4266cec3", RuleKind::kContext},
    {"maxmind-license-key", "MaxMind license key", core::Severity::kHigh,
     "_mmk,maxmind,geoipupdate_license_key",
     R"re((?:\b([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)\b|(?i:(?:maxmind[A-Za-z0-9_.-]{0,30}|geoipupdate_)license_?key)["']?\s{0,3}[=:]\s{0,5}["']?([A-Za-z0-9]{16})\b))re",
     3.0, "MAXMIND_LICENSE_KEY=Sq||7WQN_KEmhV94lT9RdPVzTov08WQrr9qm0m_mmk",
     "MAXMIND_LICENSE_KEY=TK||8RIV_Zugae38sfeH4a6s6H1A3_mmk", RuleKind::kContext},
    {"square-token", "Square access token or application secret", core::Severity::kCritical,
     "eaaa,sq0atp-,sq0csp-",
     R"re(\b(EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$))re",
     3.5,
     "SQUARE_ACCESS_TOKEN=EA||"
     "AADtjzFcG61Rz6okQz8w1WZ37DJF3oukYkZeF00KBddOBt03OS4KwsmREQFNpV",
     "SQUARE_APPLICATION_ID=sq||0idp-f1E3rkrnRkznL4fkZsXxnC"},
    {"shopify-token", "Shopify access token or shared secret", core::Severity::kHigh,
     "shpat_,shpca_,shppa_,shpss_", R"re(\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b)re", 3.0,
     "SHOPIFY_ACCESS_TOKEN=sh||pat_1f7b62f57651f00c26eb257d15409130",
     "SHOPIFY_ACCESS_TOKEN=sh||pat_f8298f79616c33c60a2d446e52ff5e1"},
    {"1password-secret-key", "1Password account secret key", core::Severity::kCritical, "a3-",
     R"re(\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b)re",
     3.5, "OP_SECRET_KEY=A3||-93N1ET-VKX1B8AEVTB-3D68D-NI1Q8-2TEZB",
     "OP_SECRET_KEY=A3||-J56YXF-6X6ZXGIC926-AWOOI"},
    {"1password-service-account-token", "1Password service-account token",
     core::Severity::kCritical, "ops_eyj",
     R"re(\b(ops_eyJ[A-Za-z0-9+/]{250,1000}={0,3})(?:[^A-Za-z0-9+/=]|$))re", 4.0,
     "OP_SERVICE_ACCOUNT_TOKEN=op||s_"
     "eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSU"
     "GctNDA5NiIsImFsZyI6IlBCRVMyZy1IUzI1NiIsIml0ZXJhdGlvbnMiOjY1MDAwMCwic2FsdCI6ImJpSH"
     "BQejdXMjhVdkgwNlhZMno3WjAifSwiZW1haWwiOiJ5cHdjb2ZvbkBkeW1ibHpqenl6LjFwYXNzd29yZHN"
     "lcnZpY2VhY2NvdW50cy5jb20iLCJzcnBYIjoiNzkyMWI2YTc4NDRhN2M1NzFiODNiNDg1OTc3MGZiZTU3"
     "OWJjN2RkMGM3NjczMWVjZTE4ODFkMzhmNTU1ZTFlOSIsIm11ayI6eyJhbGciOiJBMjU2R0NNIiwiZXh0I"
     "jp0cnVlLCJrIjoiaEk3SlhfOUxDaUVFV0RkQVBRSkl4SlVLTHFTelRpR2NTU1prRTk1TTNaNSIsImtleV"
     "9vcHMiOlsiZW5jcnlwdCIsImRlY3J5cHQiXSwia3R5Ijoib2N0Iiwia2lkIjoibXAifSwic2VjcmV0S2V"
     "5IjoiQTMtNElMSFY2IiwiZGV2aWNlVXVpZCI6ImFzZjhvMnFwbG9ucnJtdGE4YXFqZDA4ajBxIn0",
     "OP_SERVICE_ACCOUNT_TOKEN=op||s_eyJEYHCPWDw6lc2/lTAOxdu/"
     "Am3sD5bDoZZut0rZHh9zgOvP91BBX"},
    {"vault-token", "HashiCorp Vault token", core::Severity::kCritical, "hvs.,hvb.,hvr.",
     R"re(\b(hvs\.(?:[A-Za-z0-9_-]{90,120}|[A-Za-z0-9]{24})|hvb\.[A-Za-z0-9_-]{138,300}|hvr\.[A-Za-z0-9_-]{24,120})(?:[^A-Za-z0-9_-]|$))re",
     3.5,
     "VAULT_TOKEN=hv||s.CAESIHaVRgZzCOk9l1I2VL9koIbN9l7IRrR2yMeHM9y1y_tGZ7QQq0BZ3kZKh-"
     "K1toaSbGf40bK_LbdWsK_Tu6q1oMx",
     "VAULT_TOKEN=hv||s.QYqOAwoA4BFlBjtMJKDbIJA8ifYUUr"},
    {"vault-legacy-token", "HashiCorp Vault token (legacy s. format)", core::Severity::kCritical,
     "vault_token,vault-token,vaulttoken",
     R"re((?i)(?:vault[_-]?token)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?(s\.[A-Za-z0-9]{24})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "VAULT_TOKEN=s.||kugCOjNYxxT5De62pdtPGAqQ", "width = s.sopjakorlrpzorkxyunsjmqj",
     RuleKind::kContext},
    {"doppler-token", "Doppler token", core::Severity::kHigh,
     "doppler,dp.pt.,dp.st.,dp.sa.,dp.ct.,dp.scim.,dp.audit.",
     R"re(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,30}\.)?[A-Za-z0-9]{40,44})\b)re", 3.5,
     "DOPPLER_TOKEN=dp||.pt.yFDF8jy0NS7oPMHGcls9k0Q6F98devaZahcksJOgInL",
     "DOPPLER_TOKEN=dp||.pt.ALlTetRCx1OxcikZaCpx"},
    {"sidekiq-credentials", "Sidekiq Pro/Enterprise gem server credentials", core::Severity::kHigh,
     "bundle_enterprise__contribsys__com,bundle_gems__contribsys__com,contribsys.com",
     R"re((?i)(?:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?\s{0,3}[=:]\s{0,3}["']?([a-f0-9]{8}:[a-f0-9]{8})\b|https?://([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com))re",
     2.5, "BUNDLE_ENTERPRISE__CONTRIBSYS__COM=7f4b5e15:9bb9331c",
     "BUNDLE_GEMS__CONTRIBSYS__COM=${SIDEKIQ_CREDS}", RuleKind::kContext},
    {"clickhouse-cloud-secret", "ClickHouse Cloud API secret", core::Severity::kHigh, "4b1d",
     R"re(\b(4b1d[A-Za-z0-9]{38})\b)re", 4.3,
     "CLICKHOUSE_SECRET=4b||1d5CFHMcR05qtKOiHi5ihwMOHECoDwWqZVJ0XcnQ",
     "sha=4b||1d08c79dd3fe9ad06b7744a5ad75c5b97b2900b9"},
    {"cloudflare-api-token", "Cloudflare API token or global API key", core::Severity::kHigh,
     "cloudflare,cf_api_token,cf_api_key,cf_auth_key,cf_token",
     R"re((?i)(?:cloudflare|cf_api_token|cf_api_key|cf_auth_key|cf_token)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([A-Za-z0-9_-]{40}|[0-9a-f]{37})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "CLOUDFLARE_API_TOKEN=opeg8_auPlJM3Sp0mLTamBj4GSir9VltdTwTmWFZ",
     "CLOUDFLARE_ZONE_ID=f0be7db25378b229e92c9331bc36ff5c", RuleKind::kContext},
    {"cloudflare-origin-ca-key", "Cloudflare Origin CA key", core::Severity::kHigh, "v1.0-",
     R"re(\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b)re", 3.0,
     "CF_ORIGIN_CA_KEY=v1||.0-a733a43e211533f1ebdd04a1-"
     "b9c836db013f35476591cc503c4d984ac5305968f73266647fe2fffbb11f48ed59b143039d7f91d56"
     "965fdc76f50bde521d3e4a9623cfa2fa4b00d5df96c2c38da4deb7464aa6c2838",
     "release v1.0-444ecfc"},
    {"openai-ephemeral-key", "OpenAI ephemeral (Realtime client) key", core::Severity::kMedium,
     "ek_", R"re(\b(ek_[A-Za-z0-9]{32})\b)re", 3.0,
     "{\"value\": \"ek||_e59fab42c62655475202409d9d5c7083\", \"expires_at\": "
     "1756300000}",
     "week_luj46v58u1p2noc33v6gxie65b1fgm83"},
    {"anthropic-api-key", "Anthropic API key", core::Severity::kCritical,
     "sk-ant-api03-,sk-ant-oat01-",
     R"re(\b(sk-ant-(?:api03|oat01)-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$))re", 3.5,
     "ANTHROPIC_API_KEY=sk||-ant-api03-RV9lLe_DAmRJ7akeecF1EcfMY_"
     "zPzYE6Yhb9Vnd16dx5oOeSRPc6iiH2R7fjDhv9z4ezcAN-SSv2kjC-Fxz1YY1OBgfO0AA",
     "ANTHROPIC_API_KEY=sk||-ant-api03-"
     "rAtsSmgp1gqE79eR2wgiAQ6MtBK13vCT5vt6sJeAnsuj5VnXpLXZBLQ3YKtqb7lNlhQFKZvVnGVFGiRpz"
     "aFl06rDwW6rhXa"},
    {"anthropic-admin-key", "Anthropic admin API key", core::Severity::kCritical, "sk-ant-admin01-",
     R"re(\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$))re", 3.5,
     "ANTHROPIC_ADMIN_KEY=sk||-ant-admin01-U7mUKbSqO10Xwl_"
     "lhIzDST5TylQ1GrQU4mzNdNdVIEBHxPrlQkJ3XlyrOK68gsItCQSK4Ki_E76a_EZx7aTgczsEt5Md8AA",
     "ANTHROPIC_ADMIN_KEY=sk||-ant-admin01-7Hye0DT_4vtBt38e71w5AHktrXdqTW2_CQ57-"
     "GIhAigqNyjYwGAA"},
    {"perplexity-api-key", "Perplexity API key", core::Severity::kHigh, "pplx-",
     R"re(\b(pplx-[A-Za-z0-9]{48})\b)re", 3.5,
     "PERPLEXITY_API_KEY=pp||lx-Ddftk2okL5CAlt91ZBTuv3LMajZsDUoCY44b3KZnjcAiYoVC",
     "PERPLEXITY_API_KEY=pp||lx-pfvgCRCwAw5LCfc3rIu6eX9wHNkTLbj7obAWI7IXEOdW3LY"},
    {"cohere-api-key", "Cohere API key", core::Severity::kHigh, "cohere,co_api_key",
     R"re((?i)(?:cohere|co_api_key)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([A-Za-z0-9]{40})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "CO_API_KEY=dTfJWLkNo4oew2E72rJMqjwvYj7pe26blpY7ZDmD",
     "COHERE_API_KEY=4PAgFDFqqtjU68hf6yWK3yILkGConfG7erbLIGZ", RuleKind::kContext},
    {"mistral-api-key", "Mistral AI API key", core::Severity::kHigh, "mistral",
     R"re((?i)(?:mistral)[A-Za-z0-9_.-]{0,40}["']?\s{0,3}(?:=|:|:=|=>|,|\s)\s{0,5}(?:[A-Za-z0-9_.-]{1,30}["']?\s{0,3}[:=]\s{0,5})?["']?([A-Za-z0-9]{32})(?:[^A-Za-z0-9_/+=-]|$))re",
     3.5, "MISTRAL_API_KEY=otsjUVsUuUrJZxB3aJM0rl8MNKG2Ea4f",
     "MISTRAL_API_KEY=LnoAifuWXn3DELXeCyl9NZJL6JfOS46", RuleKind::kContext},
    {"groq-api-key", "Groq API key", core::Severity::kHigh, "gsk_",
     R"re(\b(gsk_[A-Za-z0-9]{52})\b)re", 3.5,
     "GROQ_API_KEY=gs||k_M4TbTqJbFRLgDHoIV40IeZBuQLjnrBWEGEtLQVi4E2RzM8P1c9Ug",
     "GROQ_API_KEY=gs||k_hN575xQzccdT3ktBm8OpwmyBVyppyOi19tluqExvRKIJG7gFCcg"},
    {"rubygems-api-key", "RubyGems API key", core::Severity::kCritical, "rubygems_",
     R"re(\b(rubygems_[a-f0-9]{48})\b)re", 3.0,
     "---\n:rubygems_api_key: "
     "ru||bygems_387c2174302fb6a5d7f4250a5238af5e1ef0dad3808facdb",
     "GEM_HOST_API_KEY=ru||bygems_9d05ce98fa3c85666a0f1a9fae465cb144162f9a89821d1"},
    {"nuget-api-key", "NuGet API key", core::Severity::kCritical, "oy2",
     R"re(\b(oy2[a-z0-9]{43})\b)re", 3.5,
     "dotnet nuget push pkg.nupkg --api-key "
     "oy||2rwe743gh7b06lya1nmdz94j8lhco41alrk1coiwbmd5 --source nuget.org",
     "NUGET_API_KEY=oy||2i6ie8bp0g0z96xtid317pmro89p5wfqxgd7hcoe5a4"},
    {"jfrog-token", "JFrog Artifactory API key or reference token", core::Severity::kCritical,
     "akcp,cmvmdgtu", R"re(\b(AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{50})\b)re", 3.5,
     "ARTIFACTORY_API_KEY=AK||"
     "CpQueIfDSwu2JTl6pljwVjEARmJ5wfSuyM0nSdlh4JUVEkUI9DrNdRbTIaNIhDBOjFCT93X",
     "ARTIFACTORY_API_KEY=AK||CprOnbnJzkvDo6zvpWeKm6po6onSWoB1g2TDOllnE5"},
    {"putty-private-key", "PuTTY private key", core::Severity::kCritical, "putty-user-key-file-",
     R"re((PuTTY-User-Key-File-[23]: [A-Za-z0-9@._-]{1,64}(?:\s+[A-Za-z0-9-]{1,40}: [^\r\n]*|\s+[A-Za-z0-9+/=]+)*?\s+Private-Lines: [0-9]{1,4}[ \t\r]*\s[A-Za-z0-9+/=]{16,}))re",
     0,
     "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ci\nPublic-Lines: "
     "2\nwuBOi2d98LYMKyBPC7+c08i+iCCiX1mpMJ8zFCh7tvZhH0Fg2x4EpUooTQtCZCDc\nLl+"
     "N\nPrivate-Lines: 1\nH5tVwNFO1XGEcmRB1K/avB9o/OsjZpQg9iNxYhafplfX\nPrivate-MAC: "
     "4406acb67286752cd8b79f7283c179b3d0a98514ace0a9117fdc3b38093a5cb8\n",
     "---- BEGIN SSH2 PUBLIC KEY ----\nComment: "
     "\"rsa-key\"\nHPCt98spHZbCN05RqglAaT2RhZvNuChYJkpSoDFFkpkC5HVNGoXDlbVQYTWJ++dF\n--"
     "-- END SSH2 PUBLIC KEY ----\n"},
    {"age-secret-key", "age secret key", core::Severity::kCritical, "age-secret-key-1",
     R"re(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)re", 3.0,
     "# created: 2024-01-01T00:00:00Z\n# public key: "
     "age16utvr5ll2ys2lezv653gkrm6a8uqwmxrv7dha5jzlqcm33q46nyxjcqd3h\nAG||E-SECRET-KEY-"
     "18E57TNKTX82VP8LFPETUHEJ3CLSVZVQEH0R2Z3QQ787S48RY0R6SD7H86J",
     "recipient: age1nq4ae072atw4a4tce9a5r5effj9a00fw6r80utdwjag2cz40y2sjy6pd2t"},
    {"maven-master-password", "Maven settings-security.xml master password", core::Severity::kHigh,
     "<master>",
     R"re(<master>\s{0,10}(\{[A-Za-z0-9+/=]{20,200}\}|[^<\s{}]{4,256})\s{0,10}</master>)re", 0,
     "<settingsSecurity>\n  "
     "<master>{gUqwAaJn3YOkYXPdg8AUjMOTQhHID9df6m2f6t1zSEEw=}</master>\n</"
     "settingsSecurity>",
     "<settingsSecurity><relocation>/media/usb/settings-security.xml</relocation></"
     "settingsSecurity>"},
    {"jwt", "JSON Web Token", core::Severity::kHigh, "eyj",
     R"(\b(eyJ[A-Za-z0-9_-]{12,}\.eyJ[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{16,})(?:[^A-Za-z0-9_.=-]|=|$))",
     3.0,
     "Authorization: "
     "ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
     "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6ImRyeWRvY2sifQ."
     "unWe8Cz6SNDCdyZQJiJSZQdoHwHen3SO3oXyGf3azU3",
     "ey||JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 is only a header"},
    {"npm-token", "npm access token", core::Severity::kCritical, "npm_",
     R"re(\b(npm_[A-Za-z0-9]{36})\b)re", 3.0,
     "//registry.npmjs.org/:_authToken=np||m_BuiNHuxYVNCpLY8f0Y2UTijt9nbiIx1YnLNS",
     "np||m_config_registry=https://registry.npmjs.org/", RuleKind::kToken, Checksum::kBase62Crc32},
    {"pypi-token", "PyPI upload token", core::Severity::kCritical, "pypi-ageichlwas5vcmc",
     R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}))", 3.0,
     "password = "
     "py||pi-AgEIcHlwaS5vcmcxiiEZpFfk1OHAOEHYqM6Ojb6mjBHqSiFVKu4MbMnrHontIKARAH_"
     "Ggl2JfaQ",
     "PYPI=py||pi-AgEIcHlwaS5vcmcxiiEZpFfk1OHA"},
    {"dockerhub-pat", "Docker Hub personal or organization access token", core::Severity::kCritical,
     "dckr_pat_,dckr_oat_",
     R"re(\b(dckr_pat_[A-Za-z0-9_-]{27}|dckr_oat_[A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_-]|$))re", 3.0,
     "echo dck||r_pat_qHu42bojteVs3qfNUfTAFnT0tEu | docker login -u ci "
     "--password-stdin",
     "echo dck||r_pat_qHu42bojte | docker login"},
    {"docker-config-auth", "Docker config.json registry credentials", core::Severity::kCritical,
     "\"auth\"", R"re("auth"\s{0,5}:\s{0,5}"([A-Za-z0-9+/]{12,1000}={0,2})")re", 3.0,
     R"({"auths": {"registry.example.com": {"auth": "Y2ktYm90OlpabDRBYmxWN3ZZN0FaUTNWWnBy"}}})",
     R"({"auths": {"registry.example.com": {"auth": ""}}, "credsStore": "desktop"})"},
    {"azure-storage-key", "Azure storage account key", core::Severity::kCritical,
     "accountkey,azure_storage,azure-storage,azurestorage",
     R"re((?i)(?:\bAccountKey\s{0,3}=\s{0,3}|azure[_-]?storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key["']?\s{0,3}[=:]\s{0,3}["']?)([A-Za-z0-9+/]{86}==))re",
     3.5,
     "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey="
     "MZaMKA3P744B8vkKQlENCzsdfF8j61yX/"
     "ZFsan2Cw7gFp6r7O425u85HFJ+EJ4jKEIQOkrtDXtBi10Q71hA1Xc==;EndpointSuffix=core."
     "windows.net",
     "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=$(STORAGE_KEY)"},
    {"azure-shared-access-key", "Azure shared access key (Service Bus, Event Hubs, IoT Hub)",
     core::Severity::kHigh, "sharedaccesskey",
     R"((?i)\bSharedAccessKey\s{0,3}=\s{0,3}([A-Za-z0-9+/]{43}=))", 3.5,
     "Endpoint=sb://demo.servicebus.windows.net/"
     ";SharedAccessKeyName=Root;SharedAccessKey=W9aTMX1C+CI3+"
     "dXRZv7qdYdk2r7xgHWPB6PRWJ1Gk8c=",
     "Endpoint=sb://demo.servicebus.windows.net/"
     ";SharedAccessKeyName=RootManageSharedAccessKey"},
    {"openai-api-key", "OpenAI API key", core::Severity::kHigh,
     "t3blbkfj,sk-proj-,sk-svcacct-,sk-service-account-,sk-admin-,openai",
     R"re(\b(sk-(?:(?:proj|svcacct|service-account|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20,200})T3BlbkFJ[A-Za-z0-9_-]{20,200})(?:[^A-Za-z0-9_-]|$))re",
     3.5, "OPENAI_API_KEY=sk-proj-U74KKEpYEZAmggQBwBAD3UdRT3Bl||bkFJsBS9UYJQTFjmsn9dLVIdV",
     "OPENAI=sk-proj-U74KKEpYEZT3Bl||bkFJ"},
    {"huggingface-token", "Hugging Face access token (user or organization)", core::Severity::kHigh,
     "hf_,api_org_", R"re(\b((?:hf|api_org)_[A-Za-z0-9]{34,40})\b)re", 3.5,
     "HF_TOKEN=hf||_ekgXMBxvAdIoagQhcUCLLPjzAqQMXNhNzr",
     "HF_TOKEN=hf||_x7B0L0d94vFvwFPBVoypXInLmzvG871s"},
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
     "type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {{ "
     ".Values.pull }}\n"},
    {"netrc-password", ".netrc machine password", core::Severity::kHigh, "machine",
     R"(\bmachine\s{1,20}[^\s]{1,256}(?:\s{1,20}(?:login|account)\s{1,20}[^\s]{1,256}){0,2}\s{1,20}password\s{1,20}([^\s]{1,256}))",
     0, "machine api.github.com\n  login ci-bot\n  password Vx9dQ2mLr7Tp\n",
     "machine api.github.com login ci-bot password changeme\n", RuleKind::kGeneric},
    {"url-credentials", "URL with an inline password", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:@/'"`]{1,128}:([^\s@/'"`]{1,256})@[A-Za-z0-9_.\[\]-]+)",
     0, "DATABASE_URL=postgres://admin:Vx9dQ2mLr7Tp@db:5432/app",
     "DATABASE_URL=postgres://admin:${DB_PASSWORD}@db:5432/app", RuleKind::kGeneric},
    {"url-token", "URL with an inline token", core::Severity::kHigh, "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]{1,30}://([A-Za-z0-9_-]{24,256})@[A-Za-z0-9_.-]+)", 3.9,
     "git clone https://jpiEQhK8nDSqXxkMM9VThX0k9tgL@git.example.com/app.git",
     "git clone https://git@git.example.com/app.git", RuleKind::kGeneric},
    {"basic-auth-header", "HTTP basic authorization header", core::Severity::kHigh, "authorization",
     R"((?i)authorization:\s{0,5}basic\s{1,5}([A-Za-z0-9+/]{8,}={0,2}))", 3.0,
     "curl -H 'Authorization: Basic Y2ktYm90OlpabDRBYmxWN3ZZN0FaUTNWWnBy' "
     "https://example.com",
     "curl -H 'Authorization: Basic $CREDS' https://example.com", RuleKind::kGeneric},
    {"bearer-token-header", "HTTP bearer token header", core::Severity::kHigh,
     "bearer,authorization",
     R"re((?i)(?:authorization:\s{0,5}(?:bearer|token)\s{1,5}|--oauth2-bearer[=\s]\s{0,5}["']?)([A-Za-z0-9._~+/-]{20,}=*))re",
     3.2,
     "curl -H 'Authorization: Bearer e8Q6vNuQ2hU5tGtQAuzSsJimAQ8yRV5l' "
     "https://example.com",
     "curl -H 'Authorization: Bearer ${TOKEN}' https://example.com", RuleKind::kGeneric},
    {"curl-user-password", "curl -u / --user with a password", core::Severity::kHigh, "curl",
     R"re(\bcurl\b(?:[^\r\n]|\\\r?\s)*?\s(?:-u|--user)(?:=|\s{1,5})["']?[^\s"':]{1,128}:([^\s"']{3,256}))re",
     0, "curl -u admin:lcCiXb7pNLRi4E https://registry.example.com/v2/_catalog",
     "curl -u \"$USER:$PASSWORD\" https://example.com", RuleKind::kGeneric},
    {"maven-settings-password", "Maven settings.xml server password", core::Severity::kHigh,
     "<password>", R"(<password>\s{0,10}([^<\s]{4,256})\s{0,10}</password>)", 0,
     "<server><id>repo</id><username>ci</username><password>Vx9dQ2mLr7Tp</password></"
     "server>",
     "<server><id>repo</id><password>${env.MAVEN_PASSWORD}</password></server>",
     RuleKind::kGeneric},
    {"generic-secret-assignment", "Hard-coded password, secret or token assignment",
     core::Severity::kMedium,
     "password,passwd,passphrase,secret,token,api_key,apikey,api-key,access_key,"
     "private_key",
     R"((?i)(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]{0,20}["']?\s{0,5}(?:=|:|:=|=>)\s{0,5}["']?([A-Za-z0-9!#$%&*+./=?@^_~-]{8,256}))",
     3.0, "db:\n  password: \"Vx9dQ2mLr7Tp\"\n", "db:\n  password: \"${DB_PASSWORD}\"\n",
     RuleKind::kGeneric},
});

}  // namespace drydock::secrets
