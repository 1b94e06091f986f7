#include "store/mongo/client_pool.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "store/mongo/bson_doc.h"
#include "store/mongo/mongo_error.h"

namespace echotune::store::mongo {
namespace {

constexpr int32_t kServerSelectionTimeoutMs = 5000;
constexpr int32_t kConnectTimeoutMs = 3000;
constexpr int32_t kSocketTimeoutMs = 10000;

void InitDriverOnce() {
  static std::once_flag once;
  // mongoc_cleanup() is deliberately never called: the driver lives as long as the process.
  std::call_once(once, [] { mongoc_init(); });
}

core::Result<UriHandle> ParseUri(const core::Config& config) {
  bson_error_t error;
  UriHandle uri(mongoc_uri_new_with_error(config.mongodb_uri.c_str(), &error));
  // The driver's message may quote the URI, credentials included: keep it out.
  if (!uri) return core::Error::Validation("MONGODB_URI", "MONGODB_URI is not a valid MongoDB connection string");
  if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_MAXPOOLSIZE)) {
    mongoc_uri_set_option_as_int32(uri.get(), MONGOC_URI_MAXPOOLSIZE, config.mongodb_max_pool_size);
  }
  // libmongoc's defaults (30 s to select a server, 5 min on a silent socket)
  // would hold a request for minutes when MongoDB stops answering; these
  // bound it to seconds (503 SERVICE_UNAVAILABLE), unless the URI says otherwise.
  for (auto [option, ms] : {std::pair{MONGOC_URI_SERVERSELECTIONTIMEOUTMS, kServerSelectionTimeoutMs},
                            std::pair{MONGOC_URI_CONNECTTIMEOUTMS, kConnectTimeoutMs},
                            std::pair{MONGOC_URI_SOCKETTIMEOUTMS, kSocketTimeoutMs}}) {
    if (!mongoc_uri_has_option(uri.get(), option)) mongoc_uri_set_option_as_int32(uri.get(), option, ms);
  }
  if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_APPNAME)) {
    mongoc_uri_set_appname(uri.get(), "echotune");
  }
  return uri;
}

// A replica-set member reports setName; a mongos reports msg "isdbgrid".
bool AdvertisesTransactions(const bson_t* hello) {
  BsonView view(hello);
  return view.Has("setName") || view.String("msg").value_or("") == "isdbgrid";
}

core::Status RunSimple(mongoc_client_t* client, const char* name, Bson* reply) {
  Bson cmd;
  AppendInt(cmd.get(), name, 1);
  bson_error_t error;
  bson_t out;
  bool ok = mongoc_client_command_simple(client, "admin", cmd.get(), nullptr, &out, &error);
  *reply = Bson::CopyOf(&out);
  bson_destroy(&out);
  if (!ok) return FromBsonError(std::string("MongoDB ") + name, error);
  return core::Ok();
}

}  // namespace

core::Result<std::unique_ptr<ClientPool>> ClientPool::Open(const core::Config& config) {
  InitDriverOnce();
  auto uri = ParseUri(config);
  if (!uri) return std::move(uri).error();
  bson_error_t error;
  PoolHandle pool(mongoc_client_pool_new_with_error(uri->get(), &error));
  if (!pool) return core::Error::Validation("MONGODB_URI", "MONGODB_URI rejected by the MongoDB driver");
  mongoc_client_pool_set_error_api(pool.get(), MONGOC_ERROR_API_VERSION_2);
  mongoc_client_pool_max_size(pool.get(),
                              static_cast<uint32_t>(mongoc_uri_get_option_as_int32(
                                  uri->get(), MONGOC_URI_MAXPOOLSIZE, config.mongodb_max_pool_size)));
  std::unique_ptr<ClientPool> self(new ClientPool(std::move(pool), config.mongodb_db_name,
                                                  config.mongodb_collections_prefix));
  if (auto s = self->Probe(std::min(config.mongodb_min_pool_size, config.mongodb_max_pool_size)); !s) {
    return std::move(s).error();
  }
  return self;
}

PooledClient ClientPool::Checkout() const {
  return PooledClient(pool_.get(), mongoc_client_pool_pop(pool_.get()));
}

// libmongoc's own minPoolSize does not keep connections open (it closes idle
// clients above the minimum; the driver documents it as deprecated and harmful),
// so the minimum is honoured here by opening that many connections up front.
core::Status ClientPool::Probe(int min_pool_size) {
  std::vector<PooledClient> warm;
  warm.push_back(Checkout());
  Bson hello;
  if (auto s = RunSimple(warm.front().get(), "hello", &hello); !s) return s;
  supports_transactions_ = AdvertisesTransactions(hello.get());
  for (int i = 1; i < min_pool_size; ++i) {
    warm.push_back(Checkout());
    Bson reply;
    if (auto s = RunSimple(warm.back().get(), "ping", &reply); !s) return s;
  }
  return core::Ok();
}

}  // namespace echotune::store::mongo
