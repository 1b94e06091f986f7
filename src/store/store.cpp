#include "store/store.h"

#include <spdlog/spdlog.h>

#include "store/sqlite/sqlite_store.h"
#include "store/token_cipher.h"

#if __has_include("store/mongo/mongo_store.h")
#include "store/mongo/mongo_store.h"
#define ECHOTUNE_HAVE_MONGO_STORE 1
#endif

namespace echotune::store {

namespace {

core::Result<TokenCipher> EmbeddedCipher(const core::Config& config) {
  if (!config.token_key.empty()) return TokenCipher::FromHex(config.token_key);
  std::filesystem::path key_file = config.db_path + ".token-key";
  if (!std::filesystem::exists(key_file)) {
    spdlog::warn("ECHOTUNE_TOKEN_KEY is not set; generating a token key into {} (mode 0600). "
                 "Back it up with the database.", key_file.string());
  }
  return TokenCipher::FromKeyFile(key_file);
}

core::Result<std::unique_ptr<Store>> OpenMongo(const core::Config& config,
                                               const core::Clock& clock) {
  if (config.token_key.empty()) {
    return core::Error::Validation("ECHOTUNE_TOKEN_KEY",
                                   "ECHOTUNE_TOKEN_KEY is required with MONGODB_URI");
  }
  auto cipher = TokenCipher::FromHex(config.token_key);
  if (!cipher.ok()) return std::move(cipher).error();
#ifdef ECHOTUNE_HAVE_MONGO_STORE
  return mongo::OpenMongoStore(config, clock, *cipher);
#else
  (void)clock;
  return core::Error{core::ErrorCode::kUnavailable, "the MongoDB backend is not built", {}};
#endif
}

}  // namespace

core::Result<std::unique_ptr<Store>> OpenStore(const core::Config& config,
                                               const core::Clock& clock) {
  if (config.UsesMongo()) return OpenMongo(config, clock);
  auto cipher = EmbeddedCipher(config);
  if (!cipher.ok()) return std::move(cipher).error();
  return sqlite::OpenSqliteStore(config.db_path, clock, *cipher);
}

}  // namespace echotune::store
