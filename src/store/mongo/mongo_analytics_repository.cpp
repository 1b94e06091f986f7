#include "store/mongo/mongo_analytics_repository.h"

#include "store/index_spec.h"
#include "store/mongo/collection_ref.h"
#include "store/mongo/document_codec.h"

namespace echotune::store::mongo {
namespace {

constexpr const char* kColl = collections::kAnalyticsEvents;

}  // namespace

core::Result<model::AnalyticsEvent> MongoAnalyticsRepository::Insert(model::AnalyticsEvent e) {
  if (auto s = model::Validate(e); !s) return std::move(s).error();
  if (e.user_id) {
    if (auto s = ctx_.RequireUser(*e.user_id); !s) return std::move(s).error();
  }
  e.created_at = ctx_.Now();
  e.id = core::ObjectId::Generate(e.created_at);
  if (auto s = CollectionRef(ctx_.pool, kColl).InsertOne(EncodeDocument(model::ToJson(e)), NoOpts()); !s) {
    return std::move(s).error();
  }
  return e;
}

core::Result<std::vector<model::AnalyticsEvent>> MongoAnalyticsRepository::Query(const EventQuery& q) {
  if (q.limit <= 0) return std::vector<model::AnalyticsEvent>{};
  Bson filter;
  AppendDocument(filter.get(), "createdAt", [&](bson_t* c) { AppendTime(c, "$gt", ctx_.Now() - model::kAnalyticsTtl); });
  if (q.user_id) AppendOid(filter.get(), "userId", *q.user_id);
  if (q.event_type) AppendString(filter.get(), "eventType", model::ToString(*q.event_type));
  if (q.from || q.to) {
    AppendDocument(filter.get(), "timestamp", [&](bson_t* c) {
      if (q.from) AppendTime(c, "$gte", *q.from);
      if (q.to) AppendTime(c, "$lt", *q.to);
    });
  }
  auto docs = CollectionRef(ctx_.pool, kColl).Find(filter, SortLimit({{"timestamp", -1}, {"_id", -1}}, q.limit));
  if (!docs) return std::move(docs).error();
  std::vector<model::AnalyticsEvent> out;
  for (const auto& doc : *docs) {
    auto e = model::AnalyticsEventFromJson(DecodeDocument(BsonView(doc.get())));
    if (!e) return std::move(e).error();
    out.push_back(std::move(e).value());
  }
  return out;
}

}  // namespace echotune::store::mongo
