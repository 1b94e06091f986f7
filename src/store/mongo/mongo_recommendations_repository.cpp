#include "store/mongo/mongo_recommendations_repository.h"

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kRecommendations;

Bson NewestFirst(int64_t limit = 0) { return SortLimit({{"createdAt", -1}, {"_id", -1}}, limit); }

}  // namespace

Bson MongoRecommendationsRepository::Visible(const core::ObjectId& user_id) const {
  Bson filter = IdFilter(user_id, "userId");
  AppendDocument(filter.get(), "expiresAt", [&](bson_t* c) { AppendTime(c, "$gt", ctx_.Now()); });
  return filter;
}

core::Result<std::vector<model::Recommendation>> MongoRecommendationsRepository::FindRecs(const Bson& filter,
                                                                                          const Bson& opts) const {
  auto docs = CollectionRef(ctx_.pool, kColl).Find(filter, opts);
  if (!docs) return std::move(docs).error();
  std::vector<model::Recommendation> out;
  for (const auto& doc : *docs) {
    auto rec = model::RecommendationFromJson(DecodeDocument(BsonView(doc.get())));
    if (!rec) return std::move(rec).error();
    out.push_back(std::move(rec).value());
  }
  return out;
}

core::Result<model::Recommendation> MongoRecommendationsRepository::Save(model::Recommendation rec) {
  if (auto s = model::Validate(rec); !s) return std::move(s).error();
  if (auto s = ctx_.RequireUser(rec.user_id); !s) return std::move(s).error();
  rec.created_at = ctx_.Now();
  rec.id = core::ObjectId::Generate(rec.created_at);
  rec.expires_at = rec.created_at + model::kRecommendationTtl;
  auto s = CollectionRef(ctx_.pool, kColl).InsertOne(EncodeDocument(model::ToJson(rec)), NoOpts());
  if (!s) return std::move(s).error();
  return rec;
}

core::Result<std::optional<model::Recommendation>> MongoRecommendationsRepository::Latest(
    const core::ObjectId& user_id) {
  auto recs = FindRecs(Visible(user_id), NewestFirst(1));
  if (!recs) return std::move(recs).error();
  if (recs->empty()) return std::optional<model::Recommendation>();
  return std::optional<model::Recommendation>(std::move(recs->front()));
}

core::Result<std::vector<model::Recommendation>> MongoRecommendationsRepository::ListSince(
    const core::ObjectId& user_id, core::TimePoint since) {
  Bson filter = Visible(user_id);
  AppendDocument(filter.get(), "createdAt", [&](bson_t* c) { AppendTime(c, "$gte", since); });
  return FindRecs(filter, NewestFirst());
}

core::Result<model::Recommendation> MongoRecommendationsRepository::Get(const core::ObjectId& user_id,
                                                                        const core::ObjectId& id) {
  return FindVisible(user_id, id);
}

core::Result<model::Recommendation> MongoRecommendationsRepository::FindVisible(const core::ObjectId& user_id,
                                                                                const core::ObjectId& id) const {
  Bson filter = Visible(user_id);
  AppendOid(filter.get(), "_id", id);
  auto recs = FindRecs(filter, NoOpts());
  if (!recs) return std::move(recs).error();
  if (recs->empty()) return core::Error::NotFound("recommendation " + id.ToHex() + " not found");
  return std::move(recs->front());
}

// The named recommendation; else the newest holding the track; else the newest.
core::Result<model::Recommendation> MongoRecommendationsRepository::Target(const core::ObjectId& user_id,
                                                                           const std::optional<core::ObjectId>& id,
                                                                           const std::string& track_id) const {
  if (id) return FindVisible(user_id, *id);
  Bson holding = Visible(user_id);
  AppendString(holding.get(), "tracks.trackId", track_id);
  auto recs = FindRecs(holding, NewestFirst(1));
  if (recs && recs->empty()) recs = FindRecs(Visible(user_id), NewestFirst(1));
  if (!recs) return std::move(recs).error();
  if (recs->empty()) return core::Error::NotFound("no recommendation to record feedback on");
  return std::move(recs->front());
}

// One atomic update with set operators, the same rule as model::ApplyFeedback:
// like adds to liked and removes from disliked, and vice versa; save adds to saved.
static Bson FeedbackUpdate(const std::string& track_id, model::FeedbackAction action) {
  const char* add = action == model::FeedbackAction::kLike      ? "user_feedback.liked_tracks"
                    : action == model::FeedbackAction::kDislike ? "user_feedback.disliked_tracks"
                                                                : "user_feedback.saved_tracks";
  Bson update;
  AppendDocument(update.get(), "$addToSet", [&](bson_t* a) { AppendString(a, add, track_id); });
  if (action == model::FeedbackAction::kSave) return update;
  const char* remove = action == model::FeedbackAction::kLike ? "user_feedback.disliked_tracks"
                                                              : "user_feedback.liked_tracks";
  AppendDocument(update.get(), "$pull", [&](bson_t* p) { AppendString(p, remove, track_id); });
  return update;
}

core::Result<model::UserFeedback> MongoRecommendationsRepository::RecordFeedback(
    const core::ObjectId& user_id, const std::optional<core::ObjectId>& id, const std::string& track_id,
    model::FeedbackAction action) {
  if (track_id.empty()) return core::Error::Validation("trackId", "trackId is required");
  auto rec = Target(user_id, id, track_id);
  if (!rec) return std::move(rec).error();
  Bson filter = Visible(user_id);
  AppendOid(filter.get(), "_id", rec->id);
  auto doc = CollectionRef(ctx_.pool, kColl).UpdateAndFetch(filter, FeedbackUpdate(track_id, action), NoOpts());
  if (!doc) return std::move(doc).error();
  if (!*doc) return core::Error::NotFound("recommendation " + rec->id.ToHex() + " not found");
  auto updated = model::RecommendationFromJson(DecodeDocument(BsonView((*doc)->get())));
  if (!updated) return std::move(updated).error();
  return updated->user_feedback;
}

core::Result<model::UserFeedback> MongoRecommendationsRepository::FeedbackForUser(const core::ObjectId& user_id) {
  auto recs = FindRecs(Visible(user_id), SortLimit({{"createdAt", 1}, {"_id", 1}}));
  if (!recs) return std::move(recs).error();
  model::UserFeedback all;
  for (const auto& rec : *recs) {
    const auto& f = rec.user_feedback;
    for (const auto& t : f.liked_tracks) model::ApplyFeedback(all, t, model::FeedbackAction::kLike);
    for (const auto& t : f.disliked_tracks) model::ApplyFeedback(all, t, model::FeedbackAction::kDislike);
    for (const auto& t : f.saved_tracks) model::ApplyFeedback(all, t, model::FeedbackAction::kSave);
  }
  return all;
}

}  // namespace echotune::store::mongo
