#include "store/mongo/mongo_users_repository.h"

#include <array>

#include "model/checker.h"
#include "store/index_spec.h"
#include "store/mongo/atomic_write.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

// Everything a user owns (SYSTEM.md §2: deleting a user deletes all of it).
constexpr std::array<const char*, 6> kOwnedCollections = {
    collections::kListeningHistory, collections::kRecommendations, collections::kPlaylists,
    collections::kUserPreferences,  collections::kAnalyticsEvents, collections::kChatSessions};

using Secret = std::optional<std::string>;

core::Status Transform(Secret& secret, const std::function<core::Result<std::string>(std::string_view)>& fn) {
  if (!secret) return core::Ok();
  auto out = fn(*secret);
  if (!out) return std::move(out).error();
  secret = std::move(out).value();
  return core::Ok();
}

core::Status EachSecret(model::User& u, const std::function<core::Result<std::string>(std::string_view)>& fn) {
  for (Secret* s : {&u.access_token, &u.refresh_token, &u.jwt_secret}) {
    if (auto status = Transform(*s, fn); !status) return status;
  }
  return core::Ok();
}

Bson SpotifyIdFilter(std::string_view spotify_id) {
  Bson filter;
  AppendString(filter.get(), "spotifyId", spotify_id);
  return filter;
}

}  // namespace

core::Result<Bson> MongoUsersRepository::Encode(const model::User& user) const {
  model::User sealed = user;
  auto status = EachSecret(sealed, [&](std::string_view s) { return ctx_.cipher.Encrypt(s); });
  if (!status) return std::move(status).error();
  return EncodeDocument(model::ToJson(sealed, {.include_secrets = true}));
}

core::Result<model::User> MongoUsersRepository::Decode(BsonView doc) const {
  auto user = model::UserFromJson(DecodeDocument(doc));
  if (!user) return user;
  auto status = EachSecret(*user, [&](std::string_view s) { return ctx_.cipher.Decrypt(s); });
  if (!status) return std::move(status).error();
  return user;
}

core::Result<model::User> MongoUsersRepository::FindOne(const Bson& filter) const {
  CollectionRef users(ctx_.pool, collections::kUsers);
  auto doc = users.FindOne(filter, NoOpts());
  if (!doc) return std::move(doc).error();
  if (!*doc) return core::Error::NotFound("user not found");
  return Decode(BsonView((*doc)->get()));
}

core::Result<model::User> MongoUsersRepository::Write(model::User user, const std::optional<model::User>& stored) const {
  user.updated_at = ctx_.Now();
  user.id = stored ? stored->id : core::ObjectId::Generate();
  user.created_at = stored ? stored->created_at : user.updated_at;
  auto doc = Encode(user);
  if (!doc) return std::move(doc).error();
  CollectionRef users(ctx_.pool, collections::kUsers);
  if (!stored) {
    if (auto s = users.InsertOne(*doc, NoOpts()); !s) return std::move(s).error();
    return user;
  }
  auto counts = users.ReplaceOne(IdFilter(user.id), *doc, NoOpts());
  if (!counts) return std::move(counts).error();
  if (counts->matched == 0) return core::Error::NotFound("user deleted during update");
  return user;
}

// Find-then-write; a concurrent insert of the same spotifyId shows up as a
// duplicate key on the second writer, which then retries as an update.
core::Result<model::User> MongoUsersRepository::UpsertBySpotifyId(const model::User& user) {
  if (auto s = model::Validate(user); !s) return std::move(s).error();
  for (int attempt = 0;; ++attempt) {
    auto stored = GetBySpotifyId(user.spotify_id);
    if (!stored && stored.error().code != core::ErrorCode::kNotFound) return std::move(stored).error();
    auto written = Write(user, stored ? std::optional<model::User>(*stored) : std::nullopt);
    bool retry = !written && attempt < 2 && !stored && written.error().code == core::ErrorCode::kConflict &&
                 GetBySpotifyId(user.spotify_id).ok();
    if (!retry) return written;
  }
}

core::Result<model::User> MongoUsersRepository::Get(const core::ObjectId& id) { return FindOne(IdFilter(id)); }

core::Result<model::User> MongoUsersRepository::GetBySpotifyId(std::string_view spotify_id) {
  return FindOne(SpotifyIdFilter(spotify_id));
}

core::Result<bool> MongoUsersRepository::Exists(const core::ObjectId& id) {
  auto status = ctx_.RequireUser(id);
  if (status.ok()) return true;
  if (status.error().code == core::ErrorCode::kNotFound) return false;
  return std::move(status).error();
}

core::Status MongoUsersRepository::UpdateById(const core::ObjectId& id, const Bson& update) const {
  CollectionRef users(ctx_.pool, collections::kUsers);
  auto counts = users.UpdateOne(IdFilter(id), update, NoOpts());
  if (!counts) return std::move(counts).error();
  if (counts->matched == 0) return core::Error::NotFound("user " + id.ToHex() + " not found");
  return core::Ok();
}

core::Status MongoUsersRepository::TouchLastActive(const core::ObjectId& id) {
  Bson update;
  AppendDocument(update.get(), "$set", [&](bson_t* set) { AppendTime(set, "lastActive", ctx_.Now()); });
  return UpdateById(id, update);
}

core::Status MongoUsersRepository::UpdateTokens(const core::ObjectId& id, const std::string& access_token,
                                                const std::optional<std::string>& refresh_token,
                                                core::TimePoint expires_at) {
  auto access = ctx_.cipher.Encrypt(access_token);
  auto refresh = refresh_token ? ctx_.cipher.Encrypt(*refresh_token) : core::Result<std::string>(std::string());
  if (!access) return std::move(access).error();
  if (!refresh) return std::move(refresh).error();
  Bson update;
  AppendDocument(update.get(), "$set", [&](bson_t* set) {
    AppendString(set, "accessToken", *access);
    if (refresh_token) AppendString(set, "refreshToken", *refresh);
    AppendTime(set, "tokenExpiresAt", expires_at);
    AppendTime(set, "updatedAt", ctx_.Now());
  });
  return UpdateById(id, update);
}

// One $set of the dotted fields: atomic, and blind to the rest of the document.
core::Status MongoUsersRepository::UpdatePreferenceSummary(const core::ObjectId& id,
                                                           const PreferenceSummaryUpdate& update) {
  auto valid = model::Checker().Unit("preferences.audio_features_preferences.energy", update.energy).Done();
  if (!valid.ok()) return valid;
  Bson set_doc;
  AppendDocument(set_doc.get(), "$set", [&](bson_t* set) {
    if (update.favorite_genres) AppendStrings(set, "preferences.favorite_genres", *update.favorite_genres);
    if (update.energy) AppendDouble(set, "preferences.audio_features_preferences.energy", *update.energy);
    AppendTime(set, "updatedAt", ctx_.Now());
  });
  return UpdateById(id, set_doc);
}

// The user document goes last, so on a standalone server a failure part-way
// leaves the user in place and re-running Delete finishes the job.
core::Status MongoUsersRepository::Delete(const core::ObjectId& id) {
  if (auto s = ctx_.RequireUser(id); !s) return s;
  PooledClient client = ctx_.pool.Checkout();
  return RunAtomically(client.get(), ctx_.transactions, [&](const Bson& opts) -> core::Status {
    for (const char* owned : kOwnedCollections) {
      auto n = CollectionRef(ctx_.pool, client, owned).DeleteMany(IdFilter(id, "userId"), opts);
      if (!n) return std::move(n).error();
    }
    auto n = CollectionRef(ctx_.pool, client, collections::kUsers).DeleteOne(IdFilter(id), opts);
    if (!n) return std::move(n).error();
    if (*n == 0) return core::Error::NotFound("user " + id.ToHex() + " not found");
    return core::Ok();
  });
}

core::Result<int64_t> MongoUsersRepository::Count() {
  return CollectionRef(ctx_.pool, collections::kUsers).Count(Bson(), NoOpts());
}

core::Result<std::vector<core::ObjectId>> MongoUsersRepository::ListIds() {
  std::vector<core::ObjectId> ids;
  auto s = CollectionRef(ctx_.pool, collections::kUsers).ForEach(Bson(), NoOpts(), [&](BsonView doc) {
    auto json = DecodeDocument(doc);
    const auto* id = json.is_object() ? json.as_object().if_contains("_id") : nullptr;
    if (id && id->is_string()) {
      if (auto parsed = core::ObjectId::Parse(id->as_string())) ids.push_back(*parsed);
    }
    return true;
  });
  if (!s.ok()) return s.error();
  return ids;
}

}  // namespace echotune::store::mongo
