#include "store/mongo/mongo_preferences_repository.h"

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kUserPreferences;

}  // namespace

core::Result<model::UserPreferences> MongoPreferencesRepository::Get(const core::ObjectId& user_id) {
  if (auto s = ctx_.RequireUser(user_id); !s) return std::move(s).error();
  auto doc = CollectionRef(ctx_.pool, kColl).FindOne(IdFilter(user_id, "userId"), NoOpts());
  if (!doc) return std::move(doc).error();
  if (*doc) return model::UserPreferencesFromJson(DecodeDocument(BsonView((*doc)->get())));
  model::UserPreferences defaults;
  defaults.user_id = user_id;
  return defaults;
}

core::Result<model::UserPreferences> MongoPreferencesRepository::Upsert(const core::ObjectId& user_id,
                                                                        const model::PreferencesPatch& patch) {
  if (auto s = model::Validate(patch); !s) return std::move(s).error();
  for (int attempt = 0; attempt < kCasAttempts; ++attempt) {
    if (attempt > 0) CasPause(attempt);
    bool lost_race = false;
    auto prefs = TryUpsert(user_id, patch, &lost_race);
    if (!lost_race) return prefs;
  }
  return core::Error::Conflict("preferences changed concurrently; try again");
}

// One read-modify-write. *lost_race is set when another writer got in between.
core::Result<model::UserPreferences> MongoPreferencesRepository::TryUpsert(const core::ObjectId& user_id,
                                                                           const model::PreferencesPatch& patch,
                                                                           bool* lost_race) {
  auto prefs = Get(user_id);
  if (!prefs) return prefs;
  bool fresh = prefs->id.IsZero();
  Bson filter = fresh ? Bson() : EncodeDocument(model::ToJson(*prefs));  // compare-and-set on the loaded document
  core::TimePoint now = ctx_.Now();
  if (fresh) {
    prefs->id = core::ObjectId::Generate(now);
    prefs->created_at = now;
  }
  model::ApplyPatch(*prefs, patch);
  prefs->updated_at = now;
  if (auto s = model::Validate(*prefs); !s) return std::move(s).error();
  Bson doc = EncodeDocument(model::ToJson(*prefs));
  CollectionRef coll(ctx_.pool, kColl);
  if (fresh) {
    auto s = coll.InsertOne(doc, NoOpts());
    *lost_race = !s && s.error().code == core::ErrorCode::kConflict;
    if (!s) return std::move(s).error();
    return prefs;
  }
  auto counts = coll.ReplaceOne(filter, doc, NoOpts());
  if (!counts) return std::move(counts).error();
  *lost_race = counts->matched == 0;
  return prefs;
}

}  // namespace echotune::store::mongo
