#include "api/login_codes.h"

#include <hiredis/hiredis.h>
#include <openssl/sha.h>
#include <sqlite3.h>

#include <cstdio>
#include <mutex>

#include "cache/redis_url.h"
#include "core/random.h"

namespace echotune::api {
namespace {

using std::chrono::milliseconds;

long long ToMs(core::TimePoint t) {
  return std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count();
}

core::Error Unavailable(std::string message) {
  return core::Error{core::ErrorCode::kUnavailable, std::move(message), {}};
}

core::Error BadCode() {
  return core::Error{core::ErrorCode::kInvalidToken,
                     "invalid, expired or already used sign-in code: ask for a new link "
                     "(echotune login-link)",
                     {}};
}

class SqliteLoginCodeStore final : public LoginCodeStore {
 public:
  SqliteLoginCodeStore(sqlite3* db, const core::Clock& clock) : db_(db), clock_(clock) {}
  ~SqliteLoginCodeStore() override { sqlite3_close_v2(db_); }

  core::Status Put(const std::string& code_hash, const std::string& user_id,
                   core::TimePoint expires_at) override {
    std::lock_guard lock(mu_);
    if (auto s = Exec("DELETE FROM login_codes WHERE expires_at_ms <= ?", {}, ToMs(clock_.Now()));
        !s.ok()) {
      return s;
    }
    return Exec("INSERT INTO login_codes(code_hash, user_id, expires_at_ms) VALUES (?, ?, ?)",
                {code_hash, user_id}, ToMs(expires_at));
  }

  core::Result<Entry> Take(const std::string& code_hash) override {
    std::lock_guard lock(mu_);
    sqlite3_stmt* st = nullptr;
    const char* sql =
        "DELETE FROM login_codes WHERE code_hash = ? RETURNING user_id, expires_at_ms";
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) return Failed();
    sqlite3_bind_text(st, 1, code_hash.c_str(), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
      sqlite3_finalize(st);
      if (rc == SQLITE_DONE) return core::Error::NotFound("no such code");
      return Failed();
    }
    Entry e{reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
            core::TimePoint(milliseconds(sqlite3_column_int64(st, 1)))};
    while (sqlite3_step(st) == SQLITE_ROW) {
    }
    sqlite3_finalize(st);
    return e;
  }

 private:
  core::Error Failed() const { return Unavailable(std::string("login codes: ") + sqlite3_errmsg(db_)); }

  core::Status Exec(const char* sql, std::initializer_list<std::string> texts, long long last) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) return Failed();
    int i = 1;
    for (const auto& t : texts) sqlite3_bind_text(st, i++, t.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, i, last);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return Failed();
    return core::Ok();
  }

  sqlite3* db_;
  const core::Clock& clock_;
  std::mutex mu_;
};

struct RedisFree {
  void operator()(redisContext* c) const { redisFree(c); }
  void operator()(redisReply* r) const { freeReplyObject(r); }
};

class RedisLoginCodeStore final : public LoginCodeStore {
 public:
  explicit RedisLoginCodeStore(cache::RedisUrl url) : url_(std::move(url)) {}

  core::Status Put(const std::string& code_hash, const std::string& user_id,
                   core::TimePoint expires_at) override {
    auto c = Connect();
    if (!c.ok()) return std::move(c).error();
    std::string value = user_id + " " + std::to_string(ToMs(expires_at));
    std::string ttl = std::to_string(kLoginCodeTtl.count());
    auto* r = static_cast<redisReply*>(redisCommand(c->get(), "SET %s %b EX %s", Key(code_hash).c_str(),
                                                    value.data(), value.size(), ttl.c_str()));
    std::unique_ptr<redisReply, RedisFree> reply(r);
    if (!r || r->type == REDIS_REPLY_ERROR) return Unavailable("login codes: Redis SET failed");
    return core::Ok();
  }

  core::Result<Entry> Take(const std::string& code_hash) override {
    auto c = Connect();
    if (!c.ok()) return std::move(c).error();
    auto* r = static_cast<redisReply*>(redisCommand(c->get(), "GETDEL %s", Key(code_hash).c_str()));
    std::unique_ptr<redisReply, RedisFree> reply(r);
    if (!r || r->type == REDIS_REPLY_ERROR) return Unavailable("login codes: Redis GETDEL failed");
    if (r->type != REDIS_REPLY_STRING) return core::Error::NotFound("no such code");
    std::string value(r->str, r->len);
    auto space = value.find(' ');
    if (space == std::string::npos) return core::Error::NotFound("malformed code entry");
    long long ms = std::atoll(value.c_str() + space + 1);
    return Entry{value.substr(0, space), core::TimePoint(milliseconds(ms))};
  }

 private:
  static std::string Key(const std::string& hash) { return "login:code:" + hash; }

  core::Result<std::unique_ptr<redisContext, RedisFree>> Connect() const {
    timeval tv{2, 0};
    std::unique_ptr<redisContext, RedisFree> c(redisConnectWithTimeout(url_.host.c_str(), url_.port, tv));
    if (!c || c->err) return Unavailable("login codes: Redis is unreachable");
    redisSetTimeout(c.get(), tv);
    auto run = [&](redisReply* r) {
      std::unique_ptr<redisReply, RedisFree> reply(r);
      return r && r->type != REDIS_REPLY_ERROR;
    };
    if (!url_.password.empty()) {
      bool ok = url_.user.empty()
                    ? run(static_cast<redisReply*>(redisCommand(c.get(), "AUTH %s", url_.password.c_str())))
                    : run(static_cast<redisReply*>(redisCommand(c.get(), "AUTH %s %s", url_.user.c_str(),
                                                                url_.password.c_str())));
      if (!ok) return Unavailable("login codes: Redis AUTH failed");
    }
    if (url_.db != 0 &&
        !run(static_cast<redisReply*>(redisCommand(c.get(), "SELECT %d", url_.db)))) {
      return Unavailable("login codes: Redis SELECT failed");
    }
    return c;
  }

  cache::RedisUrl url_;
};

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char ch : s) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string out;
  char buf[3];
  for (unsigned char b : digest) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

core::Result<std::unique_ptr<LoginCodeStore>> OpenSqliteLoginCodeStore(const std::string& path,
                                                                      const core::Clock& clock) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Unavailable("cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=WAL;"
                   "CREATE TABLE IF NOT EXISTS login_codes(code_hash TEXT PRIMARY KEY, "
                   "user_id TEXT NOT NULL, expires_at_ms INTEGER NOT NULL)",
                   nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "error";
    sqlite3_free(err);
    sqlite3_close_v2(db);
    return Unavailable("cannot create the login code table in " + path + ": " + message);
  }
  return std::unique_ptr<LoginCodeStore>(new SqliteLoginCodeStore(db, clock));
}

core::Result<std::unique_ptr<LoginCodeStore>> OpenRedisLoginCodeStore(const std::string& redis_url) {
  auto url = cache::ParseRedisUrl(redis_url);
  if (!url.ok()) return std::move(url).error();
  return std::unique_ptr<LoginCodeStore>(new RedisLoginCodeStore(std::move(url).value()));
}

core::Result<std::string> LoginCodes::Issue(const std::string& user_id) {
  std::string code = core::SecureRandomHex(32);
  if (auto s = store_->Put(Sha256Hex(code), user_id, clock_.Now() + kLoginCodeTtl); !s.ok()) {
    return std::move(s).error();
  }
  return code;
}

core::Result<std::string> LoginCodes::Redeem(const std::string& code) {
  if (!IsHex64(code)) return core::Error::Validation("code", "code must be 64 hexadecimal characters");
  auto entry = store_->Take(Sha256Hex(code));
  if (!entry.ok()) {
    if (entry.error().code == core::ErrorCode::kNotFound) return BadCode();
    return std::move(entry).error();
  }
  if (clock_.Now() >= entry->expires_at) return BadCode();
  return std::move(entry->user_id);
}

core::Result<std::unique_ptr<LoginCodes>> OpenLoginCodes(const core::Config& config,
                                                         const core::Clock& clock) {
  auto store = config.UsesRedis() ? OpenRedisLoginCodeStore(config.redis_url)
                                  : OpenSqliteLoginCodeStore(config.db_path + ".login-codes", clock);
  if (!store.ok()) return std::move(store).error();
  return std::make_unique<LoginCodes>(std::move(store).value(), clock);
}

}  // namespace echotune::api
