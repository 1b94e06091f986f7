#include "store/mongo/mongo_preferences_repository.h"

#include <string_view>
#include <unordered_set>

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kUserPreferences;

const char* FeedbackPath(model::FeedbackAction action) {
  switch (action) {
    case model::FeedbackAction::kLike: return "trackFeedback.liked";
    case model::FeedbackAction::kDislike: return "trackFeedback.disliked";
    case model::FeedbackAction::kSave: return "trackFeedback.saved";
  }
  return "trackFeedback.saved";
}

// The model::ApplyFeedback rule as set operators: $addToSet to the action's
// list; a like $pulls from disliked and the reverse.
Bson TrackFeedbackUpdate(model::FeedbackAction action, const std::vector<std::string>& ids, core::TimePoint now) {
  Bson update;
  AppendDocument(update.get(), "$addToSet", [&](bson_t* a) {
    AppendDocument(a, FeedbackPath(action), [&](bson_t* each) { AppendStrings(each, "$each", ids); });
  });
  if (action != model::FeedbackAction::kSave) {
    auto opposite = action == model::FeedbackAction::kLike ? model::FeedbackAction::kDislike
                                                           : model::FeedbackAction::kLike;
    AppendDocument(update.get(), "$pull", [&](bson_t* p) {
      AppendDocument(p, FeedbackPath(opposite), [&](bson_t* in) { AppendStrings(in, "$in", ids); });
    });
  }
  AppendDocument(update.get(), "$set", [&](bson_t* set) { AppendTime(set, "updatedAt", now); });
  return update;
}

// The ids once each, first occurrence first ($addToSet with $each on mongo-wire
// adds a repeated id twice).
std::vector<std::string> Distinct(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  std::unordered_set<std::string_view> seen;
  for (const auto& id : ids) {
    if (seen.insert(id).second) out.push_back(id);
  }
  return out;
}

Bson WithTrackFeedback(const core::ObjectId& user_id, bool exists) {
  Bson filter = IdFilter(user_id, "userId");
  AppendDocument(filter.get(), "trackFeedback", [&](bson_t* c) { AppendBool(c, "$exists", exists); });
  return filter;
}

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

core::Result<model::UserFeedback> MongoPreferencesRepository::AddTrackFeedback(
    const core::ObjectId& user_id, model::FeedbackAction action, const std::vector<std::string>& track_ids) {
  for (const auto& id : track_ids) {
    if (id.empty()) return core::Error::Validation("trackId", "trackId must not be empty");
  }
  if (auto s = ctx_.RequireUser(user_id); !s) return std::move(s).error();
  CollectionRef coll(ctx_.pool, kColl);
  for (int attempt = 0; attempt < kCasAttempts; ++attempt) {
    auto doc = coll.UpdateAndFetch(WithTrackFeedback(user_id, true),
                                   TrackFeedbackUpdate(action, Distinct(track_ids), ctx_.Now()), NoOpts());
    if (!doc) return std::move(doc).error();
    if (*doc) {
      auto prefs = model::UserPreferencesFromJson(DecodeDocument(BsonView((*doc)->get())));
      if (!prefs) return std::move(prefs).error();
      return prefs->track_feedback.value_or(model::UserFeedback{});
    }
    if (auto s = EnsureTrackFeedback(user_id); !s) return std::move(s).error();
  }
  return core::Error::Conflict("preferences changed concurrently; try again");
}

core::Status MongoPreferencesRepository::EnsureTrackFeedback(const core::ObjectId& user_id) {
  auto prefs = Get(user_id);
  if (!prefs) return std::move(prefs).error();
  if (prefs->track_feedback) return core::Ok();
  CollectionRef coll(ctx_.pool, kColl);
  if (!prefs->id.IsZero()) {
    Bson set;
    AppendDocument(set.get(), "$set", [&](bson_t* s) {
      AppendDoc(s, "trackFeedback", EncodeDocument(model::TrackFeedbackJson({})).get());
    });
    auto counts = coll.UpdateOne(WithTrackFeedback(user_id, false), set, NoOpts());
    return counts ? core::Ok() : core::Status(std::move(counts).error());
  }
  prefs->created_at = prefs->updated_at = ctx_.Now();
  prefs->id = core::ObjectId::Generate(prefs->created_at);
  prefs->track_feedback.emplace();
  auto s = coll.InsertOne(EncodeDocument(model::ToJson(*prefs)), NoOpts());
  if (!s && s.error().code == core::ErrorCode::kConflict) return core::Ok();  // another writer created it
  return s;
}

}  // namespace echotune::store::mongo
